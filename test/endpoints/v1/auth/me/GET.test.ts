/** GET /v1/auth/me: who the bearer token says the caller is; any valid token, no scope needed. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/auth/me/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/me';

describe('GET /v1/auth/me', () => {
  it('describes the caller’s token: client, customer, scopes, expiry', async () => {
    const me = api.clients.user!;
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ client_id: me.clientId, customer_id: me.customerId, issuer: expect.any(String) });
    expect(r.json.scope.split(' ').sort()).toEqual(['get_product', 'user']);
    const expires = Date.parse(r.json.expires_at);
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThanOrEqual(Date.now() + api.deps.auth.tokenTtlSeconds * 1000 + 5_000);
  });

  it('any scope will do: the stranger token is described too', async () => {
    const s = api.clients.stranger!;
    const r = await api.call(GET, path, { as: 'stranger' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ client_id: s.clientId, customer_id: s.customerId, scope: 'product_qc' });
  });

  it('no token, a non-bearer header or a forged token is 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401, /access token/);
    api.expectProblem(
      await api.unchanged(() => api.call(GET, path, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })),
      401,
      /bearer/i,
    );
    const forged = api.clients.user!.token.slice(0, -4) + 'AAAA';
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: forged })), 401);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: 'not-a-jwt' })), 401);
  });
});
