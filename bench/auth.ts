/**
 * `npm run bench:auth` — the authorization server under load, on this machine:
 *   1. token endpoint throughput (client_credentials, client_secret_basic) over HTTP, 8 concurrent clients;
 *      the first request of a secret pays the scrypt hash (measured separately), later ones the fast path;
 *   2. guard overhead per request: verifying a bearer token in-process (µs per call), and over HTTP the latency of
 *      a guarded route (/v1/auth/me) against an unguarded one (/healthz) at the same concurrency.
 * Runs the production build on a free port against the local database, with rate limits lifted for the run.
 */
import { closeDb, getDb } from '~/db/client';
import { seedDatabase } from '~/db/seed/seed-database';
import { createKeyStore } from '~/server/auth/key-store';
import { verifyAccessToken } from '~/server/auth/verify-access-token';
import { createClient } from '~/server/clients/create-client';
import { setClientDisabled } from '~/server/clients/set-client-disabled';
import { env } from '~/server/env.js';
import { buildIfNeeded } from '~/scripts/lib/build';
import { fmt, load, startWeb, stats } from './lib';

const CONCURRENCY = 8;
const SECONDS = 8;

buildIfNeeded();
const db = await getDb();
await seedDatabase(db, { adminEmail: env.ADMIN_EMAIL });
const actor = { type: 'system' as const, id: 'bench' };
const { client, clientSecret } = await createClient(
  db,
  { name: `bench ${new Date().toISOString()}`, scopes: ['user', 'get_product'] },
  actor,
);
const web = await startWeb({ RATE_LIMIT_TOKEN_PER_CLIENT: '100000000', RATE_LIMIT_TOKEN_PER_IP: '100000000', LOG_LEVEL: 'warn' });
const basic = `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`;

async function token(): Promise<string> {
  const r = await fetch(`${web.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (r.status !== 200) throw new Error(`token: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

try {
  console.log(`▸ CLC+ Backbone auth benchmark (${CONCURRENCY} concurrent, ${SECONDS} s per run, ${web.url})\n`);
  let t0 = performance.now();
  const first = await token();
  const coldMs = performance.now() - t0;
  t0 = performance.now();
  await token();
  const warmMs = performance.now() - t0;
  console.log(`  first token of a secret (scrypt verify): ${fmt(coldMs)} ms; the next one: ${fmt(warmMs)} ms`);

  const tok = await load(async () => void (await token()), { concurrency: CONCURRENCY, seconds: SECONDS });
  console.log(
    `  token endpoint: ${fmt(tok.perSecond)} tokens/s  (p50 ${fmt(tok.p50)} ms, p99 ${fmt(tok.p99)} ms, errors ${tok.errors})`,
  );

  // Guard in-process: signature + claims + one database query (client state and revocation).
  const keys = createKeyStore(db, { encryptionKey: env.KEY_ENCRYPTION_KEY, tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS });
  const deps = { db, keys, issuer: web.url, audience: env.TOKEN_AUDIENCE, trusted: [] };
  await verifyAccessToken(deps, first);
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = performance.now();
    await verifyAccessToken(deps, first);
    samples.push(performance.now() - s);
  }
  const g = stats(samples);
  console.log(
    `  guard, in-process: ${fmt(g.mean * 1000, 0)} µs per request (p50 ${fmt(g.p50 * 1000, 0)} µs, p99 ${fmt(g.p99 * 1000, 0)} µs)`,
  );

  const headers = { authorization: `Bearer ${first}` };
  const open = await load(async () => void (await (await fetch(`${web.url}/healthz`)).arrayBuffer()), {
    concurrency: CONCURRENCY,
    seconds: SECONDS,
  });
  const guarded = await load(
    async () => {
      const r = await fetch(`${web.url}/v1/auth/me`, { headers });
      if (r.status !== 200) throw new Error(String(r.status));
      await r.arrayBuffer();
    },
    { concurrency: CONCURRENCY, seconds: SECONDS },
  );
  console.log(`  HTTP /healthz (no guard):   ${fmt(open.perSecond)} req/s, p50 ${fmt(open.p50, 2)} ms`);
  console.log(`  HTTP /v1/auth/me (guarded): ${fmt(guarded.perSecond)} req/s, p50 ${fmt(guarded.p50, 2)} ms`);
  console.log(
    `  guard overhead over HTTP: ${fmt((guarded.p50 - open.p50) * 1000, 0)} µs per request at p50 (ratio ${fmt(guarded.p50 / open.p50, 2)}×)`,
  );
} finally {
  await setClientDisabled(db, { clientId: client.clientId, disabled: true }, actor);
  await web.stop();
  await closeDb();
}
