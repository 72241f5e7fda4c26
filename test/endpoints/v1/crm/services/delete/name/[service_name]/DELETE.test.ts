/** DELETE /v1/crm/services/delete/name/{service_name}: soft-removes a service an administrator added; 204 (admin). */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { DELETE } from '~/app/v1/crm/services/delete/name/[service_name]/route';
import { GET as list, POST as create } from '~/app/v1/services/route';
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
const del = (key: string, as: string | null = 'admin') =>
  api.call(DELETE, `/v1/crm/services/delete/name/${key}`, { as, method: 'DELETE', params: { service_name: key } });

describe('DELETE /v1/crm/services/delete/name/{service_name}', () => {
  it('marks the service deleted: the row stays, it is no longer listed; a second delete is a 404', async () => {
    const s = await createService('to_delete');
    const r = await del(s.service_name);
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    const [row] = await api.db.select().from(services).where(eq(services.id, s.service_id));
    expect(row!.deletedAt).toBeInstanceOf(Date);
    const l = await api.call(list, '/v1/services?all=true', { as: 'admin' });
    expect(l.json.services.map((x: { service_name: string }) => x.service_name)).not.toContain('to_delete');
    api.expectProblem(await api.unchanged(() => del(s.service_name)), 404, /^service:/);
    // the name may be used again
    await createService('to_delete');
  });

  it('a code-defined service is a 409, an unknown or malformed one 404; nothing written', async () => {
    const [code] = await api.db.select().from(services).where(eq(services.name, 'get_product'));
    api.expectProblem(await api.unchanged(() => del(code!.name)), 409, /^service: get_product is defined in code/);
    for (const key of ['no_such_service']) {
      api.expectProblem(await api.unchanged(() => del(key)), 404, /^service:/);
    }
  });

  it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
    const s = await createService('kept_service');
    api.expectProblem(await api.unchanged(() => del(s.service_name, 'user')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => del(s.service_name, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => del(s.service_name, null)), 401);
  });
});
