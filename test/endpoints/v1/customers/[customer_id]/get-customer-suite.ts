/**
 * M4 GET /v1/crm/users/{user_id} and GET /v1/customers/{customer_id} share one handler: the suite each file runs with
 * its route and where it lives. One customer (deleted ones too, marked) with its clients; admin only; unknown 404.
 */
import { describe, expect, it } from 'vitest';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';

export type CustomerAt = (id: string) => { path: string; params: Record<string, string> };

/**
 * `route` names the endpoint (`/v1/customers/{customer_id}`), `at` builds a call's path and params from an id;
 * `byClientId`: the legacy `{user_id}` also takes one of the customer's client_ids.
 */
export function getCustomerSuite(GET: RouteHandler, route: string, at: CustomerAt, { byClientId = false } = {}) {
  const api = useEndpoint();
  const get = (id: string, as: string | null = 'admin') => api.call(GET, at(id).path, { as, params: at(id).params });

  describe(`GET ${route}`, () => {
    it('answers the customer with its clients, never a secret', async () => {
      const me = api.clients.user!;
      const r = await get(me.customerId);
      expect(r.status, r.text).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.json).toMatchObject({
        customer_id: me.customerId,
        name: 'user',
        active: true,
        deleted_at: null,
        clients: [{ client_id: me.clientId, name: 'user', disabled: false }],
      });
      expect(r.text).not.toContain(me.clientSecret);
      expect(r.json).not.toHaveProperty('client_secret');
      if (byClientId) {
        const byClient = await get(me.clientId);
        expect(byClient.status, byClient.text).toBe(200);
        expect(byClient.json.customer_id).toBe(me.customerId);
      }
    });

    it('an unknown or malformed id is a 404 naming user_id; nothing written', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-customer']) {
        api.expectProblem(await api.unchanged(() => get(id)), 404, /^user_id:/);
      }
    });

    it('a customer’s token and a token without the scope are 403, no token 401', async () => {
      const id = api.clients.other!.customerId;
      api.expectProblem(await api.unchanged(() => get(id, 'user')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => get(id, 'stranger')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => get(id, null)), 401);
    });
  });
}
