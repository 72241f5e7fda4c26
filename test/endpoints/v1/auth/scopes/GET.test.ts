/** GET /v1/auth/scopes (admin): `{scopes: [{client_id, scope}]}` of the enabled clients. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/scopes/route';
import { apiClients } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/scopes';

describe('GET /v1/auth/scopes', () => {
  it('lists each enabled client’s scopes', async () => {
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    const list = r.json.scopes as { client_id: string; scope: string }[];
    expect(list).toEqual(
      expect.arrayContaining([
        { client_id: api.clients.admin!.clientId, scope: 'admin' },
        { client_id: api.clients.user!.clientId, scope: 'get_product user' },
        { client_id: api.clients.reader!.clientId, scope: 'get_product' },
        { client_id: api.clients.stranger!.clientId, scope: 'product_qc' },
      ]),
    );
  });

  it('a disabled client is left out', async () => {
    const gone = await api.client('gone', ['get_product']);
    await api.db.update(apiClients).set({ disabledAt: new Date() }).where(eq(apiClients.clientId, gone.clientId));
    const r = await api.call(GET, path, { as: 'admin' });
    const ids = (r.json.scopes as { client_id: string }[]).map((s) => s.client_id);
    expect(ids).not.toContain(gone.clientId);
    expect(ids).toContain(api.clients.other!.clientId);
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
