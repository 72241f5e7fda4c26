/** M8 GET /v1/crm/services: the visible services by name, in the reference's service shape (any valid token). */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { GET } from '~/app/v1/crm/services/route';
import { POST as create } from '~/app/v1/services/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
/** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const path = '/v1/crm/services';
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

describe('GET /v1/crm/services', () => {
  it('lists the visible services by name with the reference’s fields; hidden ones even for admins', async () => {
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(names(r)).toEqual([...names(r)].sort(byText));
    expect(names(r)).toEqual(expect.arrayContaining(['aaa_visible', 'get_product']));
    expect(names(r)).not.toContain('aaa_hidden');
    expect(r.json.services.find((s: { service_name: string }) => s.service_name === 'aaa_visible')).toMatchObject({
      service_id: expect.any(String),
      service_comment: 'shown',
      service_validity: true,
      service_owner_geoville: 'clcplus-backbone',
      external: true,
      date_of_creation: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    });
    const admin = await api.call(GET, path, { as: 'admin' });
    expect(names(admin)).toEqual(names(r));
    expect(admin.json.services.find((s: { service_name: string }) => s.service_name === 'aaa_visible')).toMatchObject({
      airflow_connection: 'default',
      defined_in: 'admin',
    });
  });

  it('takes no input: query parameters are ignored and nothing is written', async () => {
    const r = await api.unchanged(() => api.call(GET, `${path}?all=true`, { as: 'admin' }));
    expect(r.status, r.text).toBe(200);
    expect(names(r)).not.toContain('aaa_hidden');
  });

  it('any valid token may list (stranger too); no token or a bad one is 401', async () => {
    const r = await api.call(GET, path, { as: 'stranger' });
    expect(r.status, r.text).toBe(200);
    expect(names(r)).toContain('aaa_visible');
    api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: 'not-a-token' })), 401);
  });
});
