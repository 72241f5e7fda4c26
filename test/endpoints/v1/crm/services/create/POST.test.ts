/** M11 POST /v1/crm/services/create: the reference's body; a hidden service running the DAG of its name on `default`. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { POST } from '~/app/v1/crm/services/create/route';
import { services } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/crm/services/create';
const body = {
  service_name: 'legacy_service',
  service_comment: 'from the console',
  service_validity: true,
  service_owner_geoville: 'ops@example.org',
  external: false,
};

describe('POST /v1/crm/services/create', () => {
  it('without a default connection it is a 422 naming airflow_connection; with one, 201 {service_id}, stored hidden', async () => {
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'admin', body })), 422, /^airflow_connection:/);
    const c = await api.call(putConnection, '/v1/config/airflow_connections/default', {
      as: 'admin',
      method: 'PUT',
      body: { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 'pw' },
      params: { name: 'default' },
    });
    expect(c.status, c.text).toBe(201);
    const r = await api.call(POST, path, { as: 'admin', body });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toEqual({ service_id: expect.any(String) });
    const [row] = await api.db.select().from(services).where(eq(services.name, 'legacy_service'));
    expect(row).toMatchObject({
      id: r.json.service_id,
      engine: 'airflow',
      dagId: 'legacy_service',
      airflowConnection: 'default',
      description: 'from the console',
      visible: false,
      owner: 'ops@example.org',
      valid: true,
      external: false,
      origin: 'admin',
    });
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'admin', body })), 409, /^name:/);
  });

  it('bad input: 400 naming the field; nothing written', async () => {
    for (const [b, detail] of [
      [{ ...body, service_name: undefined }, /^service_name:/],
      [{ ...body, service_name: 'Bad Name' }, /^service_name:/],
      [{ ...body, service_validity: 'yes' }, /^service_validity:/],
      [{ ...body, service_owner_geoville: ' ' }, /^service_owner_geoville:/],
      [{ ...body, external: undefined }, /^external:/],
      [{ ...body, dag_id: 'x' }, /dag_id/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'admin', body: b }));
      api.expectProblem(r, 400, detail);
    }
  });

  it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
    const b = { ...body, service_name: 'not_made' };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body: b })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body: b })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body: b })), 401);
  });
});
