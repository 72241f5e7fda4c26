/** GET /v1/auth/scopes/{client_id} (admin): `{client_id, scope}`, 404 when unknown. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/scopes/[client_id]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (id: string) => `/v1/auth/scopes/${id}`;

describe('GET /v1/auth/scopes/{client_id}', () => {
  it('shows the client’s scopes, space separated', async () => {
    const c = api.clients.other!;
    const r = await api.call(GET, at(c.clientId), { as: 'admin', params: { client_id: c.clientId } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ client_id: c.clientId, scope: 'get_product user' });
  });

  it('an unknown client_id is 404 naming it; nothing written', async () => {
    const r = await api.unchanged(() =>
      api.call(GET, at('no-such-client'), { as: 'admin', params: { client_id: 'no-such-client' } }),
    );
    api.expectProblem(r, 404, /no client with client_id no-such-client/);
  });

  it('a user or stranger token is 403, no token 401; nothing written', async () => {
    const id = api.clients.user!.clientId;
    const o = { params: { client_id: id } };
    api.expectProblem(await api.unchanged(() => api.call(GET, at(id), { ...o, as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, at(id), { ...o, as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, at(id), o)), 401);
  });
});
