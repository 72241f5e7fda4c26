/**
 * M9 GET /v1/crm/services/id/{service_id} and M10 GET /v1/crm/services/name/{service_name} share one handler
 * (getService, admin only): the suite each file runs with its route and `at`, which addresses a service by its id or
 * its name. Hidden ones too; unknown, malformed or deleted 404.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE as remove } from '~/app/v1/crm/services/delete/name/[service_name]/route';
import { services } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createService, MISSING_SERVICES, type CreatedService } from '../../services/create-service';

type At = (s: CreatedService) => { path: string; params: Record<string, string> };

export function getServiceSuite(GET: RouteHandler, route: string, at: At) {
  const api = useEndpoint({ airflow: true });
  const get = (s: CreatedService, as: string | null = 'admin') => api.call(GET, at(s).path, { as, params: at(s).params });

  describe(`GET ${route}`, () => {
    it('answers a hidden admin service and a code-defined one, in the reference shape', async () => {
      const s = await createService(api, 'hidden_one', { visible: false, description: 'not listed' });
      const r = await get(s);
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
      const [code] = await api.db
        .select({ service_id: services.id, service_name: services.name })
        .from(services)
        .where(eq(services.name, 'get_product'));
      const c = await get(code!);
      expect(c.status, c.text).toBe(200);
      expect(c.json).toMatchObject({ service_name: 'get_product', defined_in: 'code', service_id: code!.service_id });
    });

    it('an unknown, malformed or deleted service is a 404 naming service; nothing written', async () => {
      const s = await createService(api, 'short_lived');
      const gone = await api.call(remove, '/v1/crm/services/delete/name/short_lived', {
        as: 'admin',
        method: 'DELETE',
        params: { service_name: 'short_lived' },
      });
      expect(gone.status, gone.text).toBe(204);
      for (const key of [...MISSING_SERVICES, s]) {
        api.expectProblem(await api.unchanged(() => get(key)), 404, /^service:/);
      }
    });

    it('a customer’s token and a token without the scope are 403, no token 401', async () => {
      const s = await createService(api, 'guarded');
      api.expectProblem(await api.unchanged(() => get(s, 'user')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => get(s, 'stranger')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => get(s, null)), 401);
    });
  });
}
