/** GET /v1/auth/scopes/{client_id} (admin): `{client_id, scope}`, 404 when unknown. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/scopes/[client_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { clientIdCases } from '../../client-id-cases';

const api = useEndpoint();
const at = (id: string) => `/v1/auth/scopes/${id}`;

describe('GET /v1/auth/scopes/{client_id}', () => {
  it('shows the client’s scopes, space separated', async () => {
    const c = api.clients.other!;
    const r = await api.call(GET, at(c.clientId), { as: 'admin', params: { client_id: c.clientId } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ client_id: c.clientId, scope: 'get_product user' });
  });

  clientIdCases(api, GET, at, { target: 'user' });
});
