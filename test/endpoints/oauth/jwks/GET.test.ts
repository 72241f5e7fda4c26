/** GET /oauth/jwks: the public keys that verify our access tokens; public, cacheable, never a private part. */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/oauth/jwks/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/oauth/jwks';

describe('GET /oauth/jwks', () => {
  it('a JWK set that verifies an issued token', async () => {
    const r = await api.call(GET, path);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    expect(r.json.keys.length).toBeGreaterThanOrEqual(1);
    const { kid } = decodeProtectedHeader(api.clients.user!.token);
    expect(r.json.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
    const { payload } = await jwtVerify(api.clients.user!.token, createLocalJWKSet(r.json), {
      issuer: api.deps.auth.issuer,
      audience: api.deps.auth.audience,
    });
    expect(payload.client_id ?? payload.sub).toBe(api.clients.user!.clientId);
  });

  it('no private key material in any key', async () => {
    const r = await api.call(GET, path);
    for (const k of r.json.keys) {
      expect(k).toMatchObject({ kid: expect.any(String), kty: expect.any(String) });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(k).not.toHaveProperty(secret);
    }
  });

  it('needs no token and ignores a bad one: the same keys; nothing written', async () => {
    const plain = await api.unchanged(() => api.call(GET, path));
    const bad = await api.unchanged(() => api.call(GET, path, { token: 'garbage' }));
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual(plain.json);
  });
});
