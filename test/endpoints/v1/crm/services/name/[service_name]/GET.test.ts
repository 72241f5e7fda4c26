/** GET /v1/crm/services/name/{service_name}: one installed service by name, hidden ones too (admin); unknown or deleted 404. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { GET } from '~/app/v1/crm/services/name/[service_name]/route';
import { DELETE as remove } from '~/app/v1/crm/services/delete/name/[service_name]/route';
import { POST as create } from '~/app/v1/services/route';
import { services } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
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
});
const get = (key: string, as: string | null = 'admin') =>
  api.call(GET, `/v1/crm/services/name/${key}`, { as, params: { service_name: key } });

describe('GET /v1/crm/services/name/{service_name}', () => {
  it('answers a hidden admin service and a code-defined one, in the reference shape', async () => {
    const s = await createService('hidden_one', { visible: false, description: 'not listed' });
    const r = await get(s.service_name);
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      service_id: s.service_id,
      service_name: 'hidden_one',
      engine: 'airflow',
      dag_id: 'hidden_one_dag',
      visible: false,
      airflow_connection: 'default',
      defined_in: 'admin',
      service_comment: 'not listed',
      service_validity: true,
      service_owner_geoville: 'clcplus-backbone',
      external: true,
      date_of_creation: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    });
    const [code] = await api.db.select({ service_id: services.id }).from(services).where(eq(services.name, 'get_product'));
    const c = await get('get_product');
    expect(c.status, c.text).toBe(200);
    expect(c.json).toMatchObject({ service_name: 'get_product', defined_in: 'code', service_id: code!.service_id });
  });

  it('an unknown, malformed or deleted service is a 404 naming service; nothing written', async () => {
    const s = await createService('short_lived');
    const gone = await api.call(remove, '/v1/crm/services/delete/name/short_lived', {
      as: 'admin',
      method: 'DELETE',
      params: { service_name: 'short_lived' },
    });
    expect(gone.status, gone.text).toBe(204);
    for (const key of ['no_such_service', s.service_name]) {
      api.expectProblem(await api.unchanged(() => get(key)), 404, /^service:/);
    }
  });

  it('a customer’s token and a token without the scope are 403, no token 401', async () => {
    const s = await createService('guarded');
    api.expectProblem(await api.unchanged(() => get(s.service_name, 'user')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => get(s.service_name, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => get(s.service_name, null)), 401);
  });
});
