/**
 * M2 GET /v1/crm/users, M3 GET /v1/crm/users/filter and GET /v1/customers share one handler: the suite each file runs
 * with its route and path. Customers not deleted, by name, filtered (equality, any case), in keyset pages; admin only.
 */
import { describe, expect, it } from 'vitest';
import { POST as create } from '~/app/v1/customers/route';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';

export function listCustomersSuite(GET: RouteHandler, path: string) {
  const api = useEndpoint();
  /** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  describe(`GET ${path}`, () => {
    it('lists customers by name with their clients; filters by field ignoring case; pages with next_cursor', async () => {
      const made = await api.call(create, '/v1/customers', {
        as: 'admin',
        body: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', city: 'London' },
      });
      expect(made.status, made.text).toBe(201);
      const r = await api.call(GET, path, { as: 'admin' });
      expect(r.status, r.text).toBe(200);
      const names = r.json.customers.map((c: { name: string }) => c.name);
      expect(names).toEqual([...names].sort(byText));
      expect(names).toEqual(expect.arrayContaining(['Ada Lovelace', 'user', 'other']));
      const user = r.json.customers.find((c: { name: string }) => c.name === 'user');
      expect(user).toMatchObject({
        customer_id: api.clients.user!.customerId,
        deleted_at: null,
        clients: [{ client_id: api.clients.user!.clientId, disabled: false }],
      });
      expect(r.json.next_cursor).toBeNull();

      const f = await api.call(GET, `${path}?city=LONDON`, { as: 'admin' });
      expect(f.status, f.text).toBe(200);
      expect(f.json.customers).toHaveLength(1);
      expect(f.json.customers[0]).toMatchObject({
        customer_id: made.json.customer.customer_id,
        first_name: 'Ada',
        email: 'ada@example.org',
        city: 'London',
        clients: [{ client_id: made.json.client_id, disabled: false }],
      });

      const p1 = await api.call(GET, `${path}?limit=1`, { as: 'admin' });
      expect(p1.json.customers).toHaveLength(1);
      expect(p1.json.customers[0].name).toBe(names[0]);
      expect(p1.json.next_cursor).toEqual(expect.any(String));
      const p2 = await api.call(GET, `${path}?limit=1&cursor=${p1.json.next_cursor}`, { as: 'admin' });
      expect(p2.json.customers[0].name).toBe(names[1]);
    });

    it('bad input: 400 naming the field, nothing written', async () => {
      for (const [query, detail] of [
        ['limit=0', /^limit:/],
        ['limit=501', /^limit:/],
        ['limit=abc', /^limit:/],
        ['cursor=!!', /^cursor:/],
        ['cursor=abc', /^cursor:/],
        ['colour=red', /colour/],
      ] as const) {
        const r = await api.unchanged(() => api.call(GET, `${path}?${query}`, { as: 'admin' }));
        api.expectProblem(r, 400, detail);
      }
    });

    it('a customer’s token and a token without the scope are 403, no token 401', async () => {
      api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
    });
  });
}
