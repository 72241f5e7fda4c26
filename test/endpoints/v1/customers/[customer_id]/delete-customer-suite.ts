/**
 * M6 DELETE /v1/crm/users/delete/{user_id} and DELETE /v1/customers/{customer_id} share one handler: the suite each
 * file runs with its route and where it lives. Soft-deletes a customer, disables its clients and refuses their tokens;
 * admin only.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as listRois } from '~/app/v1/rois/route';
import { apiClients, customers } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import type { CustomerAt } from './get-customer-suite';

/**
 * `route` names the endpoint, `at` builds a call's path and params from an id; `byClientId`: the legacy `{user_id}`
 * is given the victim's client_id (it takes a customer id or one of its client_ids), the resource route its customer id.
 */
export function deleteCustomerSuite(DELETE: RouteHandler, route: string, at: CustomerAt, { byClientId = false } = {}) {
  const api = useEndpoint();
  const del = (id: string, as: string | null = 'admin') =>
    api.call(DELETE, at(id).path, { as, method: 'DELETE', params: at(id).params });

  describe(`DELETE ${route}`, () => {
    it('marks the customer deleted, disables its clients, and its token is refused from then on', async () => {
      const victim = await api.client('victim', ['user', 'get_product']);
      expect((await api.call(listRois, '/v1/rois', { as: 'victim' })).status).toBe(200);
      const r = await del(byClientId ? victim.clientId : victim.customerId);
      expect(r.status, r.text).toBe(204);
      expect(r.text).toBe('');
      const [c] = await api.db.select().from(customers).where(eq(customers.id, victim.customerId));
      expect(c).toMatchObject({ active: false, deletedAt: expect.any(Date) });
      const [k] = await api.db.select().from(apiClients).where(eq(apiClients.id, victim.id));
      expect(k!.disabledAt).toBeInstanceOf(Date);
      api.expectProblem(await api.call(listRois, '/v1/rois', { as: 'victim' }), 401);
      // other customers untouched
      const [u] = await api.db.select().from(customers).where(eq(customers.id, api.clients.user!.customerId));
      expect(u!.deletedAt).toBeNull();
      // a second delete finds nothing
      api.expectProblem(await api.unchanged(() => del(victim.customerId)), 404, /^user_id:/);
    });

    it('an unknown or malformed id is a 404 naming user_id; nothing written', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-customer']) {
        api.expectProblem(await api.unchanged(() => del(id)), 404, /^user_id:/);
      }
    });

    it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
      const id = api.clients.other!.customerId;
      api.expectProblem(await api.unchanged(() => del(id, 'user')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => del(id, 'stranger')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => del(id, null)), 401);
    });
  });
}
