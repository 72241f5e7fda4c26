/** POST /oauth/introspect: RFC 7662; a client learns about its own tokens, an admin client about any. */
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/oauth/introspect/route';
import { useEndpoint } from '~/test/endpoint';
import { basic, expectOAuthError, FORM, formPoster } from '../oauth-client';

const api = useEndpoint();
const path = '/oauth/introspect';
const introspect = formPoster(api, POST, path);

describe('POST /oauth/introspect', () => {
  it('one’s own token is active, with its scope, client, expiry and jti; nothing written', async () => {
    const c = api.clients.user!;
    const r = await api.unchanged(() => introspect(c, `token=${c.token}`));
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toMatchObject({
      active: true,
      scope: 'get_product user',
      client_id: c.clientId,
      token_type: 'Bearer',
      iss: api.deps.auth.issuer,
      aud: api.deps.auth.audience,
      jti: expect.any(String),
    });
    expect(r.json.exp * 1000).toBeGreaterThan(Date.now());
  });

  it('another client’s token is inactive for a client, active for an admin client; garbage is inactive', async () => {
    const user = api.clients.user!;
    const other = api.clients.other!;
    expect((await introspect(user, `token=${other.token}`)).json).toEqual({ active: false });
    const admin = await introspect(api.clients.admin!, `token=${other.token}`);
    expect(admin.json).toMatchObject({ active: true, client_id: other.clientId });
    expect((await introspect(user, 'token=not-a-token')).json).toEqual({ active: false });
  });

  it('bad input: no token parameter, or a JSON body, is 400 invalid_request; nothing written', async () => {
    const c = api.clients.user!;
    expectOAuthError(await api.unchanged(() => introspect(c, '')), 400, 'invalid_request', /token parameter is required/);
    const json = await api.unchanged(() =>
      api.call(POST, path, { body: { token: c.token }, headers: { authorization: basic(c) } }),
    );
    expectOAuthError(json, 400, 'invalid_request', /x-www-form-urlencoded/);
  });

  it('no credentials or a wrong secret is 401 invalid_client, RFC 6749 JSON; nothing written', async () => {
    const c = api.clients.user!;
    const none = await api.unchanged(() => introspect(null, `token=${c.token}`));
    expectOAuthError(none, 401, 'invalid_client', /client authentication is required/);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="clcplus"');
    expectOAuthError(
      await api.unchanged(() => introspect({ ...c, clientSecret: 'wrong' }, `token=${c.token}`)),
      401,
      'invalid_client',
      /unknown client or wrong secret/,
    );
    // A bearer token is not client authentication.
    const bearer = await api.unchanged(() =>
      api.call(POST, path, {
        method: 'POST',
        raw: `token=${c.token}`,
        headers: { ...FORM, authorization: `Bearer ${c.token}` },
      }),
    );
    expectOAuthError(bearer, 401, 'invalid_client');
  });
});
