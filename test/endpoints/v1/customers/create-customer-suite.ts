/**
 * M1 POST /v1/crm/users/create and POST /v1/customers share one handler: the suite each file runs with its route.
 * A customer and its first API client (secret shown once), admin only; a second e-mail (any case) 409.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiClientScopes, apiClients, customers } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';

export function createCustomerSuite(POST: RouteHandler, path: string) {
  const api = useEndpoint();
  /** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  describe(`POST ${path}`, () => {
    it('creates the customer and its first client; stored as answered, the secret not kept in clear', async () => {
      const r = await api.call(POST, path, {
        as: 'admin',
        body: {
          title: 'Dr',
          first_name: 'Grace',
          last_name: 'Hopper',
          email: 'Grace@Example.org',
          password: 'ignored',
          city: 'Arlington',
          zip_code: '22201',
          phone: '+1 555 0100',
          company_name: 'Navy',
        },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.json).toMatchObject({
        client_id: expect.any(String),
        client_secret: expect.any(String),
        customer: {
          name: 'Navy',
          title: 'Dr',
          first_name: 'Grace',
          last_name: 'Hopper',
          email: 'Grace@Example.org',
          city: 'Arlington',
          zip_code: '22201',
          phone_number: '+1 555 0100',
          company_name: 'Navy',
          active: true,
          deleted_at: null,
        },
      });
      const id = r.json.customer.customer_id;
      expect(r.headers.get('location')).toBe(`/v1/customers/${id}`);
      expect(r.json.customer.clients).toEqual([{ client_id: r.json.client_id, name: 'Navy', disabled: false }]);
      const [c] = await api.db.select().from(customers).where(eq(customers.id, id));
      expect(c).toMatchObject({
        name: 'Navy',
        firstName: 'Grace',
        lastName: 'Hopper',
        phoneNumber: '+1 555 0100',
        deletedAt: null,
      });
      const [k] = await api.db.select().from(apiClients).where(eq(apiClients.customerId, id));
      expect(k).toMatchObject({ clientId: r.json.client_id, disabledAt: null });
      const scopes = await api.db.select().from(apiClientScopes).where(eq(apiClientScopes.apiClientId, k!.id));
      expect(scopes.map((s) => s.scope).sort(byText)).toEqual(['get_product', 'user']);
      expect(JSON.stringify(k)).not.toContain(r.json.client_secret);
      expect(JSON.stringify(c)).not.toContain('ignored');
    });

    it('bad input: 400 naming the field, a known e-mail 409; nothing written', async () => {
      const ok = { first_name: 'A', last_name: 'B', email: 'a.b@example.org' };
      for (const [body, detail] of [
        [{ last_name: 'B', email: 'x@example.org' }, /^first_name:/],
        [{ ...ok, last_name: '  ' }, /^last_name:/],
        [{ ...ok, email: 'not-an-email' }, /^email:/],
        [{ ...ok, phone: '1', phone_number: '2' }, /^phone_number:/],
        [{ ...ok, scopes: [] }, /^scopes:/],
        [{ ...ok, colour: 'red' }, /colour/],
      ] as const) {
        const r = await api.unchanged(() => api.call(POST, path, { as: 'admin', body }));
        api.expectProblem(r, 400, detail);
      }
      api.expectProblem(
        await api.unchanged(() =>
          api.call(POST, path, { as: 'admin', raw: 'first_name=A', headers: { 'content-type': 'text/plain' } }),
        ),
        415,
      );
      const first = await api.call(POST, path, { as: 'admin', body: { ...ok, email: 'twice@example.org' } });
      expect(first.status, first.text).toBe(201);
      const again = await api.unchanged(() => api.call(POST, path, { as: 'admin', body: { ...ok, email: 'TWICE@example.org' } }));
      api.expectProblem(again, 409, /^email:/);
    });

    it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
      const body = { first_name: 'A', last_name: 'B', email: 'c@example.org' };
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
    });
  });
}
