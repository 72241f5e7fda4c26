/**
 * The authorization server against OAuth client libraries nobody here wrote: panva's oauth4webapi (discovery,
 * client_credentials with a secret and with private_key_jwt, the jwt-bearer grant, introspection, revocation, and
 * RFC 9068 validation of our tokens) and Debian's python3-requests-oauthlib.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { cli, newClient } from '~/playwright/fixtures/cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const insecure = { [oauth.allowInsecureRequests]: true };

async function discover(baseURL: string) {
  const issuer = new URL(baseURL);
  const res = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure });
  return oauth.processDiscoveryResponse(issuer, res);
}

async function me(baseURL: string, accessToken: string) {
  const res = await fetch(`${baseURL}/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

test.describe('OAuth2 with oauth4webapi', () => {
  test('discovers the server from its metadata document (RFC 8414)', async ({ baseURL }) => {
    const as = await discover(baseURL!);
    expect(as.token_endpoint).toBe(`${baseURL}/oauth/token`);
    expect(as.grant_types_supported).toEqual(['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(as.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
  });

  test('client_credentials with client_secret_basic; the token works and validates as RFC 9068', async ({ baseURL }) => {
    const as = await discover(baseURL!);
    const c = newClient('get_product user');
    const client: oauth.Client = { client_id: c.client_id };
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(c.client_secret),
      { scope: 'get_product' },
      insecure,
    );
    const token = await oauth.processClientCredentialsResponse(as, client, res);
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'get_product' });
    expect(await me(baseURL!, token.access_token)).toMatchObject({
      status: 200,
      body: { client_id: c.client_id, scope: 'get_product' },
    });

    const req = new Request(`${baseURL}/v1/auth/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    const claims = await oauth.validateJwtAccessToken(as, req, 'clcplus-api', insecure);
    expect(claims).toMatchObject({ client_id: c.client_id, iss: baseURL, aud: 'clcplus-api' });
  });

  test('client_credentials with private_key_jwt', async ({ baseURL }) => {
    const as = await discover(baseURL!);
    const c = newClient('user');
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const { kid } = cli<{ kid: string }>(
      'clients',
      'add-key',
      c.client_id,
      '--jwk',
      JSON.stringify({ ...(await exportJWK(publicKey)), alg: 'ES256' }),
    );
    const client: oauth.Client = { client_id: c.client_id };
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.PrivateKeyJwt({ key: privateKey, kid }),
      {},
      insecure,
    );
    const token = await oauth.processClientCredentialsResponse(as, client, res);
    expect(await me(baseURL!, token.access_token)).toMatchObject({ status: 200, body: { client_id: c.client_id } });
  });

  test('the jwt-bearer grant, as CLMS portal users do it; a replayed assertion is refused', async ({ baseURL }) => {
    const as = await discover(baseURL!);
    const c = newClient('get_product');
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const { kid } = cli<{ kid: string }>(
      'clients',
      'add-key',
      c.client_id,
      '--jwk',
      JSON.stringify({ ...(await exportJWK(publicKey)), alg: 'RS256' }),
    );
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(c.client_id)
      .setSubject('portal-user-17')
      .setAudience(as.token_endpoint!)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const client: oauth.Client = { client_id: c.client_id };
    const grant = () =>
      oauth.genericTokenEndpointRequest(
        as,
        client,
        oauth.None(),
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
        { assertion },
        insecure,
      );
    const token = await oauth.processGenericTokenEndpointResponse(as, client, await grant());
    expect(await me(baseURL!, token.access_token)).toMatchObject({ status: 200, body: { client_id: c.client_id } });
    await expect(oauth.processGenericTokenEndpointResponse(as, client, await grant())).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  test('introspection and revocation: a revoked token is inactive and refused', async ({ baseURL }) => {
    const as = await discover(baseURL!);
    const c = newClient('user');
    const client: oauth.Client = { client_id: c.client_id };
    const auth = oauth.ClientSecretBasic(c.client_secret);
    const token = await oauth.processClientCredentialsResponse(
      as,
      client,
      await oauth.clientCredentialsGrantRequest(as, client, auth, {}, insecure),
    );
    const active = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, auth, token.access_token, insecure),
    );
    expect(active).toMatchObject({ active: true, client_id: c.client_id, scope: 'user', token_type: 'Bearer' });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, token.access_token, insecure));
    const inactive = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, auth, token.access_token, insecure),
    );
    expect(inactive).toEqual({ active: false });
    const refused = await fetch(`${baseURL}/v1/auth/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    // Revoking an unknown token is still 200 (RFC 7009 §2.2).
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, 'not-a-token', insecure));
  });
});

test.describe('OAuth2 with python3-requests-oauthlib', () => {
  test('client_credentials with a secret; the token is accepted by a protected route', ({ baseURL }) => {
    const c = newClient('get_product user');
    const out = execFileSync(
      '/usr/bin/python3',
      [path.join(here, '../../fixtures/oauthlib_client.py'), baseURL!, c.client_id, c.client_secret],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: ['get_product', 'user'],
      status: 200,
      me: { client_id: c.client_id },
    });
  });
});

test.describe('protected routes', () => {
  test('401 with WWW-Authenticate without a token, 403 insufficient_scope with too few scopes', async ({ request }) => {
    const none = await request.get('/v1/auth/clients');
    expect(none.status()).toBe(401);
    expect(none.headers()['www-authenticate']).toBe('Bearer realm="clcplus"');
    expect(none.headers()['content-type']).toBe('application/problem+json');

    const c = newClient('user');
    const token = await request.post('/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${Buffer.from(`${c.client_id}:${c.client_secret}`).toString('base64')}` },
    });
    const { access_token } = await token.json();
    const forbidden = await request.get('/v1/auth/clients', { headers: { authorization: `Bearer ${access_token}` } });
    expect(forbidden.status()).toBe(403);
    expect(forbidden.headers()['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="admin"');
    expect(await forbidden.json()).toMatchObject({ status: 403, reason: 'insufficient_scope' });
  });

  test('the token endpoint answers RFC 6749 errors and never caches', async ({ request }) => {
    const r = await request.post('/oauth/token', { form: { grant_type: 'client_credentials' } });
    expect(r.status()).toBe(401);
    expect(r.headers()['cache-control']).toBe('no-store');
    expect(await r.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication is required' });
    const json = await request.post('/oauth/token', { data: { grant_type: 'client_credentials' } });
    expect(json.status()).toBe(400);
    expect((await json.json()).error).toBe('invalid_request');
  });
});
