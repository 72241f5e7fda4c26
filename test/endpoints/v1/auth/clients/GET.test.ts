/** GET /v1/auth/clients (admin): the legacy list of enabled clients. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/clients/route';
import { apiClients } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/clients';

describe('GET /v1/auth/clients', () => {
  it('lists every enabled client in the legacy shape, without secrets', async () => {
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    const list = r.json.oauth_clients as { client_id: string }[];
    const user = api.clients.user!;
    expect(list).toContainEqual({
      client_id: user.clientId,
      client_name: 'user',
      grant_type: 'client_credentials',
      response_type: '',
      scope: 'get_product user',
    });
    for (const name of ['admin', 'user', 'other', 'reader', 'stranger']) {
      expect(list.map((c) => c.client_id)).toContain(api.clients[name]!.clientId);
    }
    expect(r.text).not.toContain(user.clientSecret);
  });

  it('a disabled client is left out', async () => {
    const gone = await api.client('gone', ['user']);
    await api.db.update(apiClients).set({ disabledAt: new Date() }).where(eq(apiClients.clientId, gone.clientId));
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    const ids = (r.json.oauth_clients as { client_id: string }[]).map((c) => c.client_id);
    expect(ids).not.toContain(gone.clientId);
    expect(ids).toContain(api.clients.user!.clientId);
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
