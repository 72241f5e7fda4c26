/**
 * The guard refuses every kind of bad token, each for its own reason, and accepts a good one.
 */
import { SignJWT, base64url, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { AUDIENCE, ENCRYPTION_KEY, ISSUER, authKit } from '~/test/auth';
import { signingKeys } from '~/db/schema';
import { createClient } from '../clients/create-client';
import { setClientDisabled } from '../clients/set-client-disabled';
import { AppError } from '../errors';
import { issueAccessToken } from './issue-access-token';
import { revokeToken } from './revoke-token';
import { rotateSigningKey } from './rotate-signing-key';
import { requireScope, verifyAccessToken } from './verify-access-token';

const t = useTestDatabase();
const r = useTestRedis();
let kit: ReturnType<typeof authKit>;
let clientId: string;
const system = { type: 'system' as const, id: 'test' };

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'admin@example.org' });
  kit = authKit(t.db, r.redis, r.prefix);
  ({
    client: { clientId },
  } = await createClient(t.db, { name: 'guard test', scopes: ['get_product', 'user'] }, system));
});

const good = (over: Partial<Parameters<typeof issueAccessToken>[1]> = {}) =>
  issueAccessToken(kit.keys, { issuer: ISSUER, audience: AUDIENCE, clientId, scope: ['get_product'], ttlSeconds: 3600, ...over });

async function refusal(token: string): Promise<string> {
  try {
    await verifyAccessToken(kit.verify, token);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(401);
    expect((e as AppError).reason).toBe('invalid_token');
    return (e as AppError).detail;
  }
  throw new Error('the token was accepted');
}

describe('access tokens', () => {
  it('accepts a token we issued, with its client, customer and scopes', async () => {
    const { accessToken, jti } = await good();
    const caller = await verifyAccessToken(kit.verify, accessToken);
    expect(caller).toMatchObject({ clientId, scopes: ['get_product'], jti, issuer: ISSUER });
    const claims = decodeJwt(accessToken);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'client_id', 'exp', 'iat', 'iss', 'jti', 'nbf', 'scope', 'sub']);
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('refuses alg "none"', async () => {
    const { accessToken } = await good();
    const [, payload] = accessToken.split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: (await kit.keys.active()).kid }));
    expect(await refusal(`${header}.${payload}.`)).toMatch(/algorithm none is not accepted/);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const { accessToken } = await good();
    const claims = decodeJwt(accessToken);
    const jwks = await kit.keys.published();
    const secret = new TextEncoder().encode(JSON.stringify(jwks[0]));
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: (await kit.keys.active()).kid })
      .sign(secret);
    expect(await refusal(token)).toMatch(/algorithm HS256 is not accepted/);
  });

  it('refuses an expired token', async () => {
    const { accessToken } = await good({ now: new Date(Date.now() - 2 * 3600_000) });
    expect(await refusal(accessToken)).toMatch(/expired/);
  });

  it('refuses a token not valid yet', async () => {
    const { accessToken } = await good({ now: new Date(Date.now() + 600_000) });
    expect(await refusal(accessToken)).toMatch(/not valid yet/);
  });

  it('refuses a wrong audience', async () => {
    const { accessToken } = await issueAccessToken(kit.keys, {
      issuer: ISSUER,
      audience: 'another-api',
      clientId,
      scope: ['user'],
      ttlSeconds: 600,
    });
    expect(await refusal(accessToken)).toMatch(/"aud" claim/);
  });

  it('refuses a wrong issuer', async () => {
    const { accessToken } = await issueAccessToken(kit.keys, {
      issuer: 'http://evil.test',
      audience: AUDIENCE,
      clientId,
      scope: ['user'],
      ttlSeconds: 600,
    });
    expect(await refusal(accessToken)).toMatch(/not issued by a trusted issuer/);
  });

  it('refuses a tampered payload', async () => {
    const { accessToken } = await good();
    const [h, p, s] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.scope = 'get_product admin';
    expect(await refusal(`${h}.${base64url.encode(JSON.stringify(claims))}.${s}`)).toMatch(/signature is invalid/);
  });

  it('refuses a token signed with a key we never published (unknown kid)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const { accessToken } = await good();
    const token = await new SignJWT(decodeJwt(accessToken))
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'not-ours' })
      .sign(privateKey);
    expect(await refusal(token)).toMatch(/unknown key/);
  });

  it('refuses a JWT that is not an access token (typ), even signed with our key', async () => {
    const { accessToken } = await good();
    const key = await kit.keys.active();
    const token = await new SignJWT(decodeJwt(accessToken))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
      .sign(key.key);
    expect(await refusal(token)).toMatch(/typ must be at\+jwt/);
  });

  it('refuses a revoked token until it expires, also one it had accepted (and remembered as verified) before', async () => {
    const { accessToken } = await good();
    await expect(verifyAccessToken(kit.verify, accessToken)).resolves.toMatchObject({ clientId });
    expect((await revokeToken(kit.verify, { admin: true, actorId: 'test' }, accessToken)).revoked).toBe(true);
    expect(await refusal(accessToken)).toMatch(/revoked/);
  });

  it("refuses a disabled client's tokens at once", async () => {
    const { client } = await createClient(t.db, { name: 'to disable', scopes: ['user'] }, system);
    const { accessToken } = await issueAccessToken(kit.keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      clientId: client.clientId,
      scope: ['user'],
      ttlSeconds: 600,
    });
    await verifyAccessToken(kit.verify, accessToken);
    await setClientDisabled(t.db, { clientId: client.clientId, disabled: true }, system);
    expect(await refusal(accessToken)).toMatch(/disabled/);
  });

  it('keeps accepting tokens of a retired signing key until they expire', async () => {
    const { accessToken } = await good();
    await rotateSigningKey(t.db, { encryptionKey: 'k'.repeat(40), tokenTtlSeconds: 3600 });
    const fresh = authKit(t.db, r.redis, r.prefix); // a process that starts after the rotation
    await expect(verifyAccessToken(fresh.verify, accessToken)).resolves.toMatchObject({ clientId });
    const { accessToken: newer } = await issueAccessToken(fresh.keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      clientId,
      scope: ['user'],
      ttlSeconds: 60,
    });
    expect(decodeJwt(newer)).toBeTruthy();
    expect((await fresh.keys.published()).length).toBe(2);
  });

  it('answers 403 insufficient_scope (not 401) for a valid token without the scope', async () => {
    const { accessToken } = await good();
    const caller = await verifyAccessToken(kit.verify, accessToken);
    expect(() => requireScope(caller, ['admin'])).toThrowError(
      expect.objectContaining({ status: 403, reason: 'insufficient_scope' }),
    );
    expect(() => requireScope(caller, ['admin', 'get_product'])).not.toThrow();
  });

  it('publishes only public key material', async () => {
    for (const k of await kit.keys.published()) {
      expect(k).not.toHaveProperty('d');
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
  });

  it('verifies at once a token another process signed just after rotating the key, and signs with that key from then on', async () => {
    const here = authKit(t.db, r.redis, r.prefix);
    const before = (await here.keys.active()).kid; // this process has just loaded its keys
    const { kid } = await rotateSigningKey(t.db, { encryptionKey: ENCRYPTION_KEY, tokenTtlSeconds: 3600 });
    const there = authKit(t.db, r.redis, r.prefix); // the other web process, which rotated
    const { accessToken } = await issueAccessToken(there.keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      clientId,
      scope: ['user'],
      ttlSeconds: 60,
    });
    expect(decodeProtectedHeader(accessToken).kid).toBe(kid);
    await expect(verifyAccessToken(here.verify, accessToken)).resolves.toMatchObject({ clientId });
    expect((await here.keys.active()).kid).toBe(kid);
    expect(kid).not.toBe(before);
  });

  it('lets several processes starting on an empty installation agree on one first key', async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- an empty installation: no key at all
    await t.db.delete(signingKeys);
    const processes = Array.from({ length: 4 }, () => authKit(t.db, r.redis, r.prefix));
    const kids = await Promise.all(processes.map(async (p) => (await p.keys.active()).kid));
    expect(new Set(kids).size).toBe(1);
    const rows = await t.db.select().from(signingKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kid: kids[0], retiredAt: null });
  });
});
