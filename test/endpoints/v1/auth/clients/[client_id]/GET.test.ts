/** GET /v1/auth/clients/{client_id} (admin): one client in the legacy shape, 404 when unknown. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/clients/[client_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { clientIdCases } from '../../client-id-cases';

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

  clientIdCases(api, GET, at, { target: 'user' });
});
