/** GET /v1/auth/clients/{client_id} (admin): one client in the legacy shape, 404 when unknown. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/clients/[client_id]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (id: string) => `/v1/auth/clients/${id}`;

describe('GET /v1/auth/clients/{client_id}', () => {
  it('shows the client: id, name, grant, scopes', async () => {
    const c = api.clients.reader!;
    const r = await api.call(GET, at(c.clientId), { as: 'admin', params: { client_id: c.clientId } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      client_id: c.clientId,
      client_name: 'reader',
      grant_type: 'client_credentials',
      response_type: '',
      scope: 'get_product',
    });
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
