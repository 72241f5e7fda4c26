/** GET /v1/config/airflow_connections: the API's connections and AIRFLOW_CONNECTIONS', never a password (admin). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/config/airflow_connections/route';
import { PUT } from '~/app/v1/config/airflow_connections/[name]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/config/airflow_connections';
const put = (name: string, body: unknown) =>
  api.call(PUT, `${path}/${name}`, { as: 'admin', method: 'PUT', body, params: { name } });

describe('GET /v1/config/airflow_connections', () => {
  it('lists the API-added connections by name, with where they come from, never the password', async () => {
    expect((await put('zeta', { url: 'http://127.0.0.1:9', api_version: 'v2', username: 'z', password: 'pw-zeta' })).status).toBe(
      201,
    );
    expect(
      (await put('alpha', { url: 'https://airflow.example', api_version: 'v1', username: 'a', password: 'pw-alpha' })).status,
    ).toBe(201);
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const ours = r.json.connections.filter((c: { source: string }) => c.source === 'api');
    expect(ours).toEqual([
      {
        name: 'alpha',
        url: 'https://airflow.example',
        api_version: 'v1',
        username: 'a',
        timeout_ms: 10_000,
        source: 'api',
        active: true,
        updated_at: expect.any(String),
      },
      expect.objectContaining({ name: 'zeta', url: 'http://127.0.0.1:9', api_version: 'v2', username: 'z', source: 'api' }),
    ]);
    for (const c of r.json.connections) expect(Object.keys(c)).not.toContain('password');
    expect(r.text).not.toMatch(/pw-alpha|pw-zeta/);
  });

  it('has no input: an unknown query parameter changes nothing, nothing is written', async () => {
    const r = await api.unchanged(() => api.call(GET, `${path}?colour=red`, { as: 'admin' }));
    expect(r.status, r.text).toBe(200);
    expect(r.json.connections).toEqual(expect.any(Array));
  });

  it('a customer’s token and a token without the scope are 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
  });
});
