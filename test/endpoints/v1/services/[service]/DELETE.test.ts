/** DELETE /v1/services/{service}: an admin removes a service an administrator added; code-defined ones are 409. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE } from '~/app/v1/services/[service]/route';
import { POST as create } from '~/app/v1/services/route';
import { airflowConnections, auditLog, services } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (service: string) => ({ path: `/v1/services/${service}`, params: { service } });

/** Two services an administrator added (on a `default` Airflow connection: only its name is checked). */
beforeAll(async () => {
  await api.db
    .insert(airflowConnections)
    .values({ name: 'default', url: 'https://93.184.215.14/airflow', apiVersion: 'v2', username: 'u', passwordSealed: 'x' });
  for (const name of ['my_chain', 'kept_chain']) {
    const r = await api.call(create, '/v1/services', { as: 'admin', body: { name, dag_id: name } });
    if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${r.text}`);
  }
});

describe('DELETE /v1/services/{service}', () => {
  it('removes an admin-added service: 204, the row marked deleted, audited', async () => {
    const { path, params } = at('my_chain');
    const r = await api.call(DELETE, path, { as: 'admin', method: 'DELETE', params });
    expect(r.status, r.text).toBe(204);
    const [s] = await api.db.select().from(services).where(eq(services.name, 'my_chain'));
    expect(s!.deletedAt).not.toBeNull();
    const audit = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service.deleted'), eq(auditLog.targetId, 'my_chain')));
    expect(audit).toHaveLength(1);
    api.expectProblem(
      await api.unchanged(() => api.call(DELETE, path, { as: 'admin', method: 'DELETE', params })),
      404,
      /^service: there is no service my_chain/,
    );
  });

  it('a code-defined service is 409, an unknown one 404; nothing written', async () => {
    const h = at('harmonics');
    api.expectProblem(
      await api.unchanged(() => api.call(DELETE, h.path, { as: 'admin', method: 'DELETE', params: h.params })),
      409,
      /^service: harmonics is defined in code and cannot be deleted/,
    );
    const n = at('nope');
    api.expectProblem(
      await api.unchanged(() => api.call(DELETE, n.path, { as: 'admin', method: 'DELETE', params: n.params })),
      404,
      /^service: there is no service nope/,
    );
  });

  it('a user token is 403, a token without the scope 403, no token 401; the service stays', async () => {
    const { path, params } = at('kept_chain');
    for (const as of ['user', 'stranger'])
      api.expectProblem(await api.unchanged(() => api.call(DELETE, path, { as, method: 'DELETE', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(DELETE, path, { method: 'DELETE', params })), 401);
    const [s] = await api.db.select().from(services).where(eq(services.name, 'kept_chain'));
    expect(s!.deletedAt).toBeNull();
  });
});
