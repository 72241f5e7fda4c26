/** POST /v1/auth/clients/create (admin): a client with its own customer; the secret is shown only here. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/auth/clients/create/route';
import { POST as token } from '~/app/oauth/token/route';
import { apiClients, apiClientScopes, auditLog, customers } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/clients/create';

const scopesOf = async (clientId: string) => {
  const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, clientId));
  const rows = await api.db.select().from(apiClientScopes).where(eq(apiClientScopes.apiClientId, row!.id));
  return { row: row!, scopes: rows.map((s) => s.scope).sort() };
};

describe('POST /v1/auth/clients/create', () => {
  it('creates the client, its customer and scopes; the secret gets a token', async () => {
    const r = await api.call(POST, path, { as: 'admin', body: { client_name: 'Acme', scope: 'get_product user' } });
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({ client_id: expect.any(String), client_secret: expect.any(String) });
    const { row, scopes } = await scopesOf(r.json.client_id);
    expect(row).toMatchObject({ name: 'Acme', disabledAt: null });
    expect(scopes).toEqual(['get_product', 'user']);
    const [customer] = await api.db.select().from(customers).where(eq(customers.id, row.customerId));
    expect(customer!.name).toBe('Acme');
    expect(customer!.id).not.toBe(api.clients.user!.customerId);
    const audit = await api.db.select().from(auditLog).where(eq(auditLog.action, 'client.created'));
    expect(audit.map((a) => a.targetId)).toContain(r.json.client_id);

    const basic = Buffer.from(`${r.json.client_id}:${encodeURIComponent(r.json.client_secret)}`).toString('base64');
    const t = await api.call(token, '/oauth/token', {
      raw: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(t.status, t.text).toBe(200);
    expect(t.json.scope).toBe('get_product user');
  });

  it('without a scope the client gets user', async () => {
    const r = await api.call(POST, path, { as: 'admin', body: { client_name: '  Plain  ' } });
    expect(r.status, r.text).toBe(201);
    const { row, scopes } = await scopesOf(r.json.client_id);
    expect(row.name).toBe('Plain');
    expect(scopes).toEqual(['user']);
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [body, detail] of [
      [{}, /^client_name:/],
      [{ client_name: '   ' }, /^client_name:/],
      [{ client_name: 'x'.repeat(129) }, /^client_name:/],
      [{ client_name: 'x', scope: 7 }, /^scope:/],
      [{ client_name: 'x', colour: 'red' }, /colour/],
      [{ client_name: 'x', scope: 'user no_such_scope' }, /unknown scope\(s\): no_such_scope/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'admin', body }));
      api.expectProblem(r, 400, detail);
    }
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    const body = { client_name: 'x' };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
  });
});
