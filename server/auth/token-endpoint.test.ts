/**
 * The token endpoint's rules (RFC 6749 §4.4, §5.2; RFC 7523), on a real database and Redis, and the promise that no
 * secret is ever stored or logged in clear.
 */
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { ISSUER, TOKEN_ENDPOINT, authKit } from '~/test/auth';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { addClientKey } from '../clients/add-client-key';
import { createClient } from '../clients/create-client';
import { rotateClientSecret } from '../clients/rotate-client-secret';
import { setClientDisabled } from '../clients/set-client-disabled';
import { CLIENT_ASSERTION_TYPE } from './authenticate-client';
import { JWT_BEARER_GRANT, exchangeToken } from './exchange-token';
import { OAuthError } from './oauth-error';
import { verifyAccessToken } from './verify-access-token';

const t = useTestDatabase();
const r = useTestRedis();
let kit: ReturnType<typeof authKit>;
const system = { type: 'system' as const, id: 'test' };
const secretsSeen: string[] = [];
const output: string[] = [];

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'admin@example.org' });
  kit = authKit(t.db, r.redis, r.prefix);
  // Everything this file's code writes to stdout/stderr, to search for secrets at the end.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});
afterAll(() => vi.restoreAllMocks());

async function newClient(scopes = ['get_product', 'user']) {
  const { client, clientSecret } = await createClient(t.db, { name: `c${Math.random()}`, scopes }, system);
  secretsSeen.push(clientSecret);
  return { clientId: client.clientId, secret: clientSecret };
}

async function oauthError(p: Promise<unknown>): Promise<OAuthError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OAuthError) return e;
    throw e;
  }
  throw new Error('expected an OAuth error');
}

const exchange = (form: Record<string, string>, authorization?: string | null, ip?: string) =>
  exchangeToken(kit.exchange, kit.request(form, authorization ?? null, ip));

async function keyPair(alg: 'ES256' | 'RS256' = 'ES256') {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { jwk: { ...(await exportJWK(publicKey)), alg }, privateKey };
}

const assertion = (
  privateKey: CryptoKey,
  claims: Record<string, unknown>,
  opts: { kid?: string; alg?: string; expSeconds?: number } = {},
) =>
  new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'ES256', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expSeconds ?? 300))
    .sign(privateKey);

describe('client_credentials with a secret', () => {
  it('issues a one-hour JWT for client_secret_basic and client_secret_post', async () => {
    const c = await newClient();
    const basic = await exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret));
    expect(basic).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'get_product user' });
    await expect(verifyAccessToken(kit.verify, basic.access_token)).resolves.toMatchObject({ clientId: c.clientId });
    const post = await exchange({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.secret,
      scope: 'user',
    });
    expect(post.scope).toBe('user');
  });

  it('intersects requested scopes with the allowed ones; invalid_scope when none remain', async () => {
    const c = await newClient(['user']);
    const some = await exchange({ grant_type: 'client_credentials', scope: 'user admin' }, kit.basic(c.clientId, c.secret));
    expect(some.scope).toBe('user');
    const none = await oauthError(
      exchange({ grant_type: 'client_credentials', scope: 'admin' }, kit.basic(c.clientId, c.secret)),
    );
    expect([none.error, none.status]).toEqual(['invalid_scope', 400]);
  });

  it('refuses a wrong secret and an unknown client alike (401 invalid_client)', async () => {
    const c = await newClient();
    const wrong = await oauthError(exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, 'nope')));
    const unknown = await oauthError(exchange({ grant_type: 'client_credentials' }, kit.basic('no-such-client', 'nope')));
    for (const e of [wrong, unknown]) {
      expect([e.error, e.status, e.description]).toEqual(['invalid_client', 401, 'unknown client or wrong secret']);
      expect(e.headers['www-authenticate']).toMatch(/^Basic/);
    }
  });

  it('refuses two authentication methods at once, a missing or unknown grant type', async () => {
    const c = await newClient();
    const both = await oauthError(
      exchange(
        { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.secret },
        kit.basic(c.clientId, c.secret),
      ),
    );
    expect(both.error).toBe('invalid_request');
    expect((await oauthError(exchange({}, kit.basic(c.clientId, c.secret)))).error).toBe('invalid_request');
    expect((await oauthError(exchange({ grant_type: 'password' }, kit.basic(c.clientId, c.secret)))).error).toBe(
      'unsupported_grant_type',
    );
  });

  it('refuses a disabled client', async () => {
    const c = await newClient();
    await setClientDisabled(t.db, { clientId: c.clientId, disabled: true }, system);
    const e = await oauthError(exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret)));
    expect([e.error, e.description]).toEqual(['invalid_client', 'this client is disabled']);
  });

  it('keeps a rotated-out secret working during the overlap, and refuses it after', async () => {
    const c = await newClient();
    await exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret)); // remembered by the fast path
    const withOverlap = await rotateClientSecret(t.db, { clientId: c.clientId, overlapHours: 1 }, system);
    secretsSeen.push(withOverlap.clientSecret);
    await expect(exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret))).resolves.toBeTruthy();
    await expect(
      exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, withOverlap.clientSecret)),
    ).resolves.toBeTruthy();

    const noOverlap = await rotateClientSecret(t.db, { clientId: c.clientId, overlapHours: 0 }, system);
    secretsSeen.push(noOverlap.clientSecret);
    for (const old of [c.secret, withOverlap.clientSecret]) {
      expect((await oauthError(exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, old)))).error).toBe(
        'invalid_client',
      );
    }
    await expect(
      exchange({ grant_type: 'client_credentials' }, kit.basic(c.clientId, noOverlap.clientSecret)),
    ).resolves.toBeTruthy();
  });

  it('rate-limits per client with 429 and Retry-After', async () => {
    const c = await newClient();
    const limited = { ...kit.exchange, limits: { perClientPerMinute: 3, perIpPerMinute: 1000 } };
    for (let i = 0; i < 3; i++)
      await exchangeToken(limited, kit.request({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret)));
    const e = await oauthError(
      exchangeToken(limited, kit.request({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret))),
    );
    expect([e.error, e.status]).toEqual(['rate_limited', 429]);
    expect(Number(e.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets a client that obeys Retry-After in on its first retry (refused requests do not count)', async () => {
    const c = await newClient();
    const limited = { ...kit.exchange, limits: { perClientPerMinute: 2, perIpPerMinute: 1000, windowSeconds: 2 } };
    const ask = () => exchangeToken(limited, kit.request({ grant_type: 'client_credentials' }, kit.basic(c.clientId, c.secret)));
    await ask();
    await ask();
    let refused: OAuthError | undefined;
    for (let i = 0; i < 10; i++) refused = await oauthError(ask()); // an impatient burst first
    const wait = Number(refused!.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    await new Promise((res) => setTimeout(res, wait * 1000));
    await expect(ask()).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses a NUL or bytes that are not UTF-8 in the client id with 401 invalid_client, not a database error', async () => {
    const raw = (text: Buffer) => `Basic ${text.toString('base64')}`;
    const cases = [
      kit.basic('abc\u0000def', 'secret'), // percent-encoded NUL, as RFC 6749 §2.3.1 asks
      raw(Buffer.from('abc\u0000def:secret')), // a raw NUL
      raw(Buffer.concat([Buffer.from('abc'), Buffer.from([0xff, 0xfe]), Buffer.from(':secret')])), // not UTF-8
      kit.basic('abc', 'se\u0000cret'),
    ];
    for (const authorization of cases) {
      const e = await oauthError(exchange({ grant_type: 'client_credentials' }, authorization));
      expect([e.error, e.status]).toEqual(['invalid_client', 401]);
    }
    // client_secret_post: the form parser refuses it first (400); the service refuses it on its own too.
    const post = await oauthError(exchange({ grant_type: 'client_credentials', client_id: 'a\u0000', client_secret: 'x' }));
    expect([post.error, post.status]).toEqual(['invalid_client', 401]);
  });

  it('rate-limits per IP before authenticating', async () => {
    const limited = { ...kit.exchange, limits: { perClientPerMinute: 1000, perIpPerMinute: 2 } };
    const req = () => exchangeToken(limited, kit.request({ grant_type: 'client_credentials' }, kit.basic('x', 'y'), '10.9.9.9'));
    await oauthError(req());
    await oauthError(req());
    expect((await oauthError(req())).status).toBe(429);
  });
});

describe('private_key_jwt client authentication', () => {
  it('accepts an assertion signed with a registered key, once', async () => {
    const c = await newClient();
    const { jwk, privateKey } = await keyPair('RS256');
    const { kid } = await addClientKey(t.db, { clientId: c.clientId, jwk }, system);
    const a = await assertion(privateKey, { iss: c.clientId, sub: c.clientId, aud: TOKEN_ENDPOINT }, { alg: 'RS256', kid });
    const form = { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: a };
    await expect(exchange(form)).resolves.toMatchObject({ token_type: 'Bearer' });
    const replay = await oauthError(exchange(form));
    expect([replay.error, replay.description]).toEqual([
      'invalid_client',
      'the client authentication assertion has already been used (replayed jti)',
    ]);
  });

  it('refuses an assertion for another audience or signed by an unregistered key', async () => {
    const c = await newClient();
    const { jwk, privateKey } = await keyPair();
    await addClientKey(t.db, { clientId: c.clientId, jwk }, system);
    const wrongAud = await assertion(privateKey, { iss: c.clientId, sub: c.clientId, aud: 'http://elsewhere.test/token' });
    expect(
      (
        await oauthError(
          exchange({
            grant_type: 'client_credentials',
            client_assertion_type: CLIENT_ASSERTION_TYPE,
            client_assertion: wrongAud,
          }),
        )
      ).description,
    ).toMatch(/"aud" claim/);
    const stranger = await keyPair();
    const unsigned = await assertion(stranger.privateKey, { iss: c.clientId, sub: c.clientId, aud: TOKEN_ENDPOINT });
    expect(
      (
        await oauthError(
          exchange({
            grant_type: 'client_credentials',
            client_assertion_type: CLIENT_ASSERTION_TYPE,
            client_assertion: unsigned,
          }),
        )
      ).description,
    ).toMatch(/does not match any registered key/);
  });
});

describe('jwt-bearer grant (RFC 7523 §2.1)', () => {
  async function bearerClient() {
    const c = await newClient();
    const { jwk, privateKey } = await keyPair('RS256');
    const { kid } = await addClientKey(t.db, { clientId: c.clientId, jwk }, system);
    return { ...c, privateKey, kid };
  }

  it('exchanges an assertion (iss = client_id, sub = user) for an access token', async () => {
    const c = await bearerClient();
    const a = await assertion(
      c.privateKey,
      { iss: c.clientId, sub: 'user-42', aud: TOKEN_ENDPOINT },
      { alg: 'RS256', kid: c.kid },
    );
    const token = await exchange({ grant_type: JWT_BEARER_GRANT, assertion: a });
    await expect(verifyAccessToken(kit.verify, token.access_token)).resolves.toMatchObject({ clientId: c.clientId });
  });

  it('refuses a replayed jti', async () => {
    const c = await bearerClient();
    const a = await assertion(c.privateKey, { iss: c.clientId, sub: 'u', aud: ISSUER }, { alg: 'RS256', kid: c.kid });
    await exchange({ grant_type: JWT_BEARER_GRANT, assertion: a });
    const e = await oauthError(exchange({ grant_type: JWT_BEARER_GRANT, assertion: a }));
    expect([e.error, e.description]).toEqual([
      'invalid_grant',
      'the authorization grant assertion has already been used (replayed jti)',
    ]);
  });

  it('refuses an assertion that expires more than one hour ahead', async () => {
    const c = await bearerClient();
    const a = await assertion(
      c.privateKey,
      { iss: c.clientId, sub: 'u', aud: TOKEN_ENDPOINT },
      { alg: 'RS256', kid: c.kid, expSeconds: 2 * 3600 },
    );
    const e = await oauthError(exchange({ grant_type: JWT_BEARER_GRANT, assertion: a }));
    expect(e.error).toBe('invalid_grant');
    expect(e.description).toMatch(/more than one hour/);
  });

  it('refuses an expired assertion and one without jti', async () => {
    const c = await bearerClient();
    const expired = await assertion(
      c.privateKey,
      { iss: c.clientId, sub: 'u', aud: TOKEN_ENDPOINT },
      { alg: 'RS256', kid: c.kid, expSeconds: -120 },
    );
    expect((await oauthError(exchange({ grant_type: JWT_BEARER_GRANT, assertion: expired }))).description).toMatch(/expired/);
    const noJti = await new SignJWT({ iss: c.clientId, sub: 'u', aud: TOKEN_ENDPOINT })
      .setProtectedHeader({ alg: 'RS256', kid: c.kid })
      .setExpirationTime('5m')
      .sign(c.privateKey);
    expect((await oauthError(exchange({ grant_type: JWT_BEARER_GRANT, assertion: noJti }))).description).toMatch(/"jti" claim/);
  });
});

describe('secrets', () => {
  it('never appear in clear in the database or in any log output', async () => {
    expect(secretsSeen.length).toBeGreaterThan(5);
    const tables = await t.db.execute<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'spatial_ref_sys'`,
    );
    let rows = 0;
    for (const { name } of tables) {
      const dump = await t.db.execute<{ row: string }>(sql.raw(`select row_to_json(t)::text as row from "${name}" t`));
      rows += dump.length;
      for (const { row } of dump) for (const s of secretsSeen) expect(row).not.toContain(s);
    }
    expect(rows).toBeGreaterThan(20);
    const logs = output.join('');
    for (const s of secretsSeen) expect(logs).not.toContain(s);
  });

  it('audits issued and refused tokens, with reasons and without secrets', async () => {
    const events = await t.db.execute<{ action: string; n: number }>(
      sql`select action, count(*)::int as n from audit_log group by action order by action`,
    );
    const by = Object.fromEntries(events.map((e) => [e.action, e.n]));
    expect(by['token.issued']).toBeGreaterThan(5);
    expect(by['token.refused']).toBeGreaterThan(5);
    expect(by['client.created']).toBeGreaterThan(5);
    expect(by['client.secret_rotated']).toBe(2);
    expect(by['client.key_added']).toBeGreaterThan(2);
  });
});
