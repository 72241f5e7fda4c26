/**
 * M13 DELETE /v1/crm/services/delete/id/{service_id}, M14 DELETE /v1/crm/services/delete/name/{service_name} and
 * DELETE /v1/services/{service} share one handler (deleteServiceRoute, admin): the suite each file runs with its route
 * and `at`, which addresses a service by its id or its name. Soft-removes a service an administrator added (204,
 * audited); code-defined ones 409, unknown 404.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as list } from '~/app/v1/services/route';
import { auditLog, services } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createService, MISSING_SERVICES, type CreatedService } from '../../../services/create-service';

type At = (s: CreatedService) => { path: string; params: Record<string, string> };

export function deleteServiceSuite(DELETE: RouteHandler, route: string, at: At) {
  const api = useEndpoint({ airflow: true });
  const del = (s: CreatedService, as: string | null = 'admin') =>
    api.call(DELETE, at(s).path, { as, method: 'DELETE', params: at(s).params });
  /** How the route names the service (its id or its name), as the 404 repeats it. */
  const key = (s: CreatedService) => Object.values(at(s).params)[0]!;
  const codeDefined = async (name: string): Promise<CreatedService> =>
    (
      await api.db.select({ service_id: services.id, service_name: services.name }).from(services).where(eq(services.name, name))
    )[0]!;

  describe(`DELETE ${route}`, () => {
    it('marks the service deleted: 204, the row stays, audited, no longer listed; a second delete is a 404', async () => {
      const s = await createService(api, 'to_delete');
      const r = await del(s);
      expect(r.status, r.text).toBe(204);
      expect(r.text).toBe('');
      const [row] = await api.db.select().from(services).where(eq(services.id, s.service_id));
      expect(row!.deletedAt).toBeInstanceOf(Date);
      const audit = await api.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'service.deleted'), eq(auditLog.targetId, 'to_delete')));
      expect(audit).toHaveLength(1);
      const l = await api.call(list, '/v1/services?all=true', { as: 'admin' });
      expect(l.json.services.map((x: { service_name: string }) => x.service_name)).not.toContain('to_delete');
      api.expectProblem(await api.unchanged(() => del(s)), 404, new RegExp(`^service: there is no service ${key(s)}`));
      // the name may be used again
      await createService(api, 'to_delete');
    });

    it('a code-defined service is a 409, an unknown or malformed one 404; nothing written', async () => {
      for (const name of ['get_product', 'harmonics']) {
        const code = await codeDefined(name);
        api.expectProblem(
          await api.unchanged(() => del(code)),
          409,
          new RegExp(`^service: ${name} is defined in code and cannot be deleted`),
        );
      }
      for (const s of MISSING_SERVICES) {
        api.expectProblem(await api.unchanged(() => del(s)), 404, new RegExp(`^service: there is no service ${key(s)}`));
      }
    });

    it('a customer’s token and a token without the scope are 403, no token 401; the service stays', async () => {
      const s = await createService(api, 'kept_service');
      api.expectProblem(await api.unchanged(() => del(s, 'user')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => del(s, 'stranger')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => del(s, null)), 401);
      const [row] = await api.db.select().from(services).where(eq(services.id, s.service_id));
      expect(row!.deletedAt).toBeNull();
    });
  });
}
