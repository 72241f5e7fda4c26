/** PATCH /v1/auth/scopes/update (admin): `{client_id, scope}` replaces the client's scopes. 204. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PATCH } from '~/app/v1/auth/scopes/update/route';
import { apiClients, apiClientScopes, auditLog } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/scopes/update';

const scopesOf = async (clientId: string) => {
  const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, clientId));
  const rows = await api.db.select().from(apiClientScopes).where(eq(apiClientScopes.apiClientId, row!.id));
  return rows.map((s) => s.scope).sort();
};

describe('PATCH /v1/auth/scopes/update', () => {
  it('replaces the scopes (duplicates folded) and audits the change', async () => {
    const c = await api.client('target', ['user']);
    const r = await api.call(PATCH, path, {
      as: 'admin',
      method: 'PATCH',
      body: { client_id: c.clientId, scope: 'get_product product_qc get_product' },
    });
    expect(r.status, r.text).toBe(204);
    expect(await scopesOf(c.clientId)).toEqual(['get_product', 'product_qc']);
    const audit = await api.db.select().from(auditLog).where(eq(auditLog.action, 'client.scopes_changed'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: c.clientId, details: { scopes: 'get_product product_qc' } });
  });

  it('bad input: 400 naming the field (404 for an unknown client), nothing written', async () => {
    const id = api.clients.reader!.clientId;
    for (const [body, status, detail] of [
      [{ scope: 'user' }, 400, /^client_id:/],
      [{ client_id: id }, 400, /^scope:/],
      [{ client_id: id, scope: '' }, 400, /^scope:/],
      [{ client_id: id, scope: '   ' }, 400, /^scope:/],
      [{ client_id: id, scope: 'user', extra: 1 }, 400, /extra/],
      [{ client_id: id, scope: 'user nope' }, 400, /unknown scope\(s\): nope/],
      [{ client_id: 'no-such-client', scope: 'user' }, 404, /no client with client_id no-such-client/],
    ] as const) {
      const r = await api.unchanged(() => api.call(PATCH, path, { as: 'admin', method: 'PATCH', body }));
      api.expectProblem(r, status, detail);
    }
    expect(await scopesOf(id)).toEqual(['get_product']);
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    const body = { client_id: api.clients.user!.clientId, scope: 'admin' };
    const o = { method: 'PATCH', body };
    api.expectProblem(await api.unchanged(() => api.call(PATCH, path, { ...o, as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(PATCH, path, { ...o, as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(PATCH, path, o)), 401);
    expect(await scopesOf(api.clients.user!.clientId)).toEqual(['get_product', 'user']);
  });
});
