/** GET /oauth/metadata: RFC 8414 authorization server metadata; public and cacheable. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/oauth/metadata/route';
import { scopes } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/oauth/metadata';

describe('GET /oauth/metadata', () => {
  it('names the issuer and its endpoints, grants and auth methods', async () => {
    const r = await api.call(GET, path);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    const iss = api.deps.auth.issuer;
    expect(r.json).toMatchObject({
      issuer: iss,
      token_endpoint: `${iss}/oauth/token`,
      jwks_uri: `${iss}/oauth/jwks`,
      introspection_endpoint: `${iss}/oauth/introspect`,
      revocation_endpoint: `${iss}/oauth/revoke`,
      grant_types_supported: ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    });
    expect(r.json.token_endpoint_auth_signing_alg_values_supported).toContain('RS256');
  });

  it('scopes_supported are the catalogue’s scopes', async () => {
    const r = await api.call(GET, path);
    const known = (await api.db.select({ name: scopes.name }).from(scopes)).map((s) => s.name).sort();
    expect([...(r.json.scopes_supported as string[])].sort()).toEqual(known);
    expect(known).toEqual(expect.arrayContaining(['admin', 'get_product', 'user', 'product_qc']));
  });

  it('needs no token and ignores a bad one; nothing written', async () => {
    const plain = await api.unchanged(() => api.call(GET, path));
    const bad = await api.unchanged(() => api.call(GET, path, { token: 'garbage' }));
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual(plain.json);
  });
});
