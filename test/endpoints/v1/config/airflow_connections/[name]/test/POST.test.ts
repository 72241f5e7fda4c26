/** POST /v1/config/airflow_connections/{name}/test: one authenticated call to Airflow; the reason when it fails (admin). */
import { describe, expect, it } from 'vitest';
import { PUT } from '~/app/v1/config/airflow_connections/[name]/route';
import { POST } from '~/app/v1/config/airflow_connections/[name]/test/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const test = (name: string, as: string | null = 'admin') =>
  api.call(POST, `/v1/config/airflow_connections/${name}/test`, { as, method: 'POST', params: { name } });
// Port 9 (discard) on the loopback: nobody listens there, so the connection is refused at once.
const body = { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 'never-shown', timeout_ms: 2000 };

describe('POST /v1/config/airflow_connections/{name}/test', () => {
  it('reports an unreachable Airflow as ok: false with the reason, never the password; writes nothing', async () => {
    const made = await api.call(PUT, '/v1/config/airflow_connections/down', {
      as: 'admin',
      method: 'PUT',
      body,
      params: { name: 'down' },
    });
    expect(made.status, made.text).toBe(201);
    const r = await api.unchanged(() => test('down'));
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      name: 'down',
      url: 'http://127.0.0.1:9',
      api_version: 'v1',
      ok: false,
      reason: expect.stringMatching(/^Airflow \(down\) unreachable: /),
    });
    expect(r.text).not.toContain('never-shown');
  });

  it('a malformed name is a 400 naming name, an unknown one 404; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => test('Not Valid')), 400, /^name:/);
    const r = await api.unchanged(() => test('nobody'));
    api.expectProblem(r, 404);
    expect(r.json.detail).toMatch(/nobody/);
  });

  it('a customer’s token and a token without the scope are 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => test('down', 'user')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => test('down', 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => test('down', null)), 401);
  });
});
