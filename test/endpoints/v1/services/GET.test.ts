/** GET /v1/services[?all=true]: the services a client may start, by name; admins may ask for hidden ones too. */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { GET, POST as create } from '~/app/v1/services/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
/** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const path = '/v1/services';
const connection = () =>
  api.call(putConnection, '/v1/config/airflow_connections/default', {
    as: 'admin',
    method: 'PUT',
    body: { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 'pw' },
    params: { name: 'default' },
  });
const createService = async (name: string, extra: Record<string, unknown> = {}) => {
  const r = await api.call(create, '/v1/services', { as: 'admin', body: { name, dag_id: `${name}_dag`, ...extra } });
  expect(r.status, r.text).toBe(201);
  return r.json as { service_id: string; service_name: string };
};
beforeAll(async () => {
  expect((await connection()).status).toBe(201);
  await createService('aaa_visible', { description: 'shown' });
  await createService('aaa_hidden', { visible: false });
});
const names = (r: { json: { services: { service_name: string }[] } }) => r.json.services.map((s) => s.service_name);

describe('GET /v1/services', () => {
  it('lists visible services by name for any token; admins see the connection, and all=true adds hidden ones', async () => {
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(names(r)).toEqual([...names(r)].sort(byText));
    expect(names(r)).toEqual(expect.arrayContaining(['aaa_visible', 'get_product']));
    expect(names(r)).not.toContain('aaa_hidden');
    const mine = r.json.services.find((s: { service_name: string }) => s.service_name === 'aaa_visible');
    expect(mine).toMatchObject({
      engine: 'airflow',
      dag_id: 'aaa_visible_dag',
      description: 'shown',
      visible: true,
      links: { start: { href: '/v1/services/aaa_visible', method: 'POST' } },
    });
    expect(mine).not.toHaveProperty('airflow_connection');
    expect(mine).not.toHaveProperty('defined_in');
    // all=true is for admins only: a customer still sees only the visible ones
    expect(names(await api.call(GET, `${path}?all=true`, { as: 'user' }))).toEqual(names(r));

    const admin = await api.call(GET, `${path}?all=true`, { as: 'admin' });
    expect(admin.status, admin.text).toBe(200);
    expect(names(admin)).toEqual(expect.arrayContaining(['aaa_hidden', 'aaa_visible']));
    expect(admin.json.services.find((s: { service_name: string }) => s.service_name === 'aaa_hidden')).toMatchObject({
      visible: false,
      airflow_connection: 'default',
      defined_in: 'admin',
    });
    expect(names(await api.call(GET, `${path}?all=false`, { as: 'admin' }))).not.toContain('aaa_hidden');
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [query, detail] of [
      ['all=yes', /^all:/],
      ['all=1', /^all:/],
      ['colour=red', /colour/],
    ] as const) {
      api.expectProblem(await api.unchanged(() => api.call(GET, `${path}?${query}`, { as: 'admin' })), 400, detail);
    }
  });

  it('any valid token may list (stranger too, visible only); no token or a bad one is 401', async () => {
    const r = await api.call(GET, path, { as: 'stranger' });
    expect(r.status, r.text).toBe(200);
    expect(names(r)).toContain('aaa_visible');
    expect(names(r)).not.toContain('aaa_hidden');
    api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: 'not-a-token' })), 401);
  });
});
