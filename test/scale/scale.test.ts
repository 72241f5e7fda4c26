/**
 * Scale-out (issue 15 §7): two web processes (production build, scripts/web.ts, one process each) and two worker
 * processes (jobs/worker.ts) on one PostgreSQL and one Redis of this test's own (test/outage/services.ts).
 * 1. Both webs answer one client consistently: a token issued by web A works on web B and the other way round;
 *    the token rate limit is one limit across both (a burst alternating A/B is cut at the limit); a download link
 *    from A's answer downloads from B (with the owner's token) and from A.
 * 2. 200 orders, posted alternately to A and B, shared by both workers (each completes jobs); worker 1 is SIGKILLed
 *    midway. Every order ends SUCCESS; none is done twice: exactly one package row per order, one status sequence
 *    RECEIVED → QUEUED → RUNNING → SUCCESS, no task reported done twice for an order; the survivor takes over
 *    (its completed jobs grow after the kill, the orders open at the kill all end SUCCESS); webs and survivor alive.
 * Needs the production build: `npm test -- --scale` (scripts/test.ts runs it after the build). The processes' output
 * is kept in .data/scale-*.log.
 */
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '~/server/env.js';
import { spawnTsx, type Spawned } from '../spawn';
import { freePort, startOutageServices, type OutageServices } from '../outage/services';

const ORDERS = 200;
const TOKEN_LIMIT = 20;
const FINAL = ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'];
/** Small AOIs in central Vienna (inside the demo store), each its own request. */
const aoi = (i: number) => {
  const x = 16.3 + (i % 25) * 0.004;
  const y = 48.18 + Math.floor(i / 25) * 0.004;
  return `POLYGON ((${x} ${y}, ${x + 0.006} ${y}, ${x + 0.006} ${y + 0.005}, ${x} ${y + 0.005}, ${x} ${y}))`;
};

let services: OutageServices;
let sql: postgres.Sql;
const webs: Spawned[] = [];
const workers: Spawned[] = [];
const bases: string[] = [];
const workerBases: string[] = [];
const t0 = Date.now();

const basic = () => `Basic ${Buffer.from(`${services.client.clientId}:${services.client.clientSecret}`).toString('base64')}`;
const tokenFrom = (base: string) =>
  fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
const workerHealth = async (i: number) =>
  (await (await fetch(`${workerBases[i]}/healthz`)).json()) as { id: string; done: number };

async function statuses(ids: string[]) {
  const rows = await sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n from orders where id = any(${ids}::uuid[]) group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}
const finalCount = (s: Record<string, number>) => FINAL.reduce((a, k) => a + (s[k] ?? 0), 0);

describe('scale-out: two webs, two workers', () => {
  beforeAll(async () => {
    services = await startOutageServices({ sourceDatabaseUrl: env.DATABASE_URL });
    sql = postgres(services.databaseUrl, { max: 2, onnotice: () => {} });
    const ports = await Promise.all([0, 1, 2, 3].map(() => freePort()));
    const common = {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      NODE_ENV: 'production',
      LOG_JSON: 'true',
      HOST: '127.0.0.1',
      // One public address for both (as behind a proxy): the token issuer and the links in results.
      PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
      WEB_CONCURRENCY: '1',
      QUEUE_PREFIX: 'clcplus-scale',
      RESULTS_DIR: path.join(services.dir, 'results'),
      ORDER_MAX_OPEN_PER_CLIENT: '1000',
      RATE_LIMIT_TOKEN_PER_CLIENT: String(TOKEN_LIMIT),
      // A killed worker's task is taken over within about 7.5 s instead of 90 s.
      WORKER_TASK_LOCK_MS: '5000',
      WORKER_TASK_CONCURRENCY: '4',
      WORKER_CPU_SLOTS: '1',
      DATABASE_POOL_SIZE: '5',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    for (const i of [0, 1]) {
      bases.push(`http://127.0.0.1:${ports[i]}`);
      workerBases.push(`http://127.0.0.1:${ports[i + 2]}`);
      webs.push(spawnTsx('scripts/web.ts', { ...common, PORT: String(ports[i]) }, ['--port', String(ports[i])]));
      workers.push(spawnTsx('jobs/worker.ts', { ...common, WORKER_HEALTH_PORT: String(ports[i + 2]) }));
    }
    await Promise.all([
      ...webs.map((w) => w.waitFor(/ready on/, 90_000)),
      ...workers.map((w) => w.waitFor(/ready: queues/, 90_000)),
    ]);
    console.log(`scale: 2 webs and 2 workers ready after ${Date.now() - t0} ms`);
  }, 150_000);

  afterAll(async () => {
    fs.mkdirSync('.data', { recursive: true });
    webs.forEach((w, i) => fs.writeFileSync(`.data/scale-web${i + 1}.log`, w.output()));
    workers.forEach((w, i) => fs.writeFileSync(`.data/scale-worker${i + 1}.log`, w.output()));
    for (const p of [...webs, ...workers]) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await Promise.race([p.exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      }
    }
    await sql?.end();
    services?.teardown();
    console.log(`scale: whole test ${Date.now() - t0} ms`);
  }, 60_000);

  let tokenA = '';
  let tokenB = '';
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('answers one client the same on both webs: tokens, rate limit, signed downloads', async () => {
    const [a, b] = await Promise.all([tokenFrom(bases[0]!), tokenFrom(bases[1]!)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    tokenA = ((await a.json()) as { access_token: string }).access_token;
    tokenB = ((await b.json()) as { access_token: string }).access_token;

    // One token limit across both webs: 2 tokens above, then a burst alternating A and B.
    const burst: { web: number; status: number }[] = [];
    for (let i = 0; i < TOKEN_LIMIT + 10; i++) burst.push({ web: i % 2, status: (await tokenFrom(bases[i % 2]!)).status });
    const allowed = burst.filter((r) => r.status === 200).length;
    const refusedBy = new Set(burst.filter((r) => r.status === 429).map((r) => r.web));
    expect({
      allowed,
      refusedBy: [...refusedBy].sort((x, y) => x - y),
      firstRefusal: burst.findIndex((r) => r.status === 429),
    }).toEqual({
      allowed: TOKEN_LIMIT - 2,
      refusedBy: [0, 1],
      firstRefusal: TOKEN_LIMIT - 2,
    });

    // One order through A; its status and download link, each read on the other web with the other web's token.
    const post = await fetch(`${bases[0]}/v1/products/get_product`, {
      method: 'POST',
      headers: { ...bearer(tokenB), 'content-type': 'application/json', 'idempotency-key': 'scale-first' },
      body: JSON.stringify({ product: 'Raster', aoi: aoi(ORDERS) }),
    });
    expect(post.status, await post.clone().text()).toBe(202);
    const { order_id: id } = (await post.json()) as { order_id: string };
    let result: string | null = null;
    for (let i = 0; i < 240 && !result; i++) {
      const s = await fetch(`${bases[1]}/v1/services/order_status/${id}`, { headers: bearer(tokenA) });
      expect(s.status).toBe(200);
      const body = (await s.json()) as { status: string; result: string | null };
      if (body.status === 'SUCCESS') result = body.result;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(result).toMatch(/^http/);
    const link = new URL(result!);
    expect(link.origin).toBe(bases[0]); // PUBLIC_URL
    const [fromA, fromB] = await Promise.all(
      bases.map(async (base, i) => {
        // The link with the owner's token (a leaked link alone is refused): A's token on B, B's on A.
        const res = await fetch(`${base}${link.pathname}${link.search}`, { headers: bearer(i ? tokenA : tokenB) });
        return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      }),
    );
    const [pkg] = await sql<{ bytes: number }[]>`select bytes::int from packages where order_id = ${id}`;
    expect({ fromA, fromB }).toEqual({ fromA: { status: 200, bytes: pkg!.bytes }, fromB: { status: 200, bytes: pkg!.bytes } });
  }, 120_000);

  it('shares 200 orders between two workers; one SIGKILLed midway: all SUCCESS, none done twice', async () => {
    const tOrders = Date.now();
    const ids: string[] = [];
    const rejected: string[] = [];
    // Posted 8 at a time, alternately to A and B, each with its own idempotency key.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < ORDERS; i = next++) {
          const res = await fetch(`${bases[i % 2]}/v1/products/get_product`, {
            method: 'POST',
            headers: { ...bearer(i % 2 ? tokenB : tokenA), 'content-type': 'application/json', 'idempotency-key': `scale-${i}` },
            body: JSON.stringify({ product: 'Raster', aoi: aoi(i) }),
          });
          if (res.status === 202) ids.push(((await res.json()) as { order_id: string }).order_id);
          else rejected.push(`${res.status} ${await res.text()}`);
        }
      }),
    );
    expect(rejected).toEqual([]);
    console.log(`scale: ${ORDERS} orders accepted in ${Date.now() - tOrders} ms`);

    // Midway: both workers have done work; kill worker 1 while orders are still open.
    let atKill: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      atKill = await statuses(ids);
      if (finalCount(atKill) >= ORDERS * 0.3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await Promise.all([workerHealth(0), workerHealth(1)]);
    workers[0]!.child.kill('SIGKILL');
    const killed = await workers[0]!.exited;
    const openAtKill = (
      await sql<{ id: string }[]>`
      select id from orders where id = any(${ids}::uuid[]) and status not in ('SUCCESS', 'FAILED', 'INVALID', 'ABORTED')`
    ).map((r) => r.id);
    console.log(
      `scale: worker 1 SIGKILLed after ${Date.now() - tOrders} ms at ${JSON.stringify(atKill)}; jobs done before: ${before.map((h) => h.done).join(' / ')}; ${openAtKill.length} orders open`,
    );

    const tKill = Date.now();
    let last: Record<string, number> = {};
    while (Date.now() - tKill < 150_000) {
      last = await statuses(ids);
      if (finalCount(last) === ORDERS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const after = await workerHealth(1);
    console.log(
      `scale: all final ${Date.now() - tKill} ms after the kill (${Date.now() - tOrders} ms after the first order): ${JSON.stringify(last)}; survivor's jobs ${before[1]!.done} → ${after.done}`,
    );

    const packagesPerOrder = await sql<{ order_id: string; n: number }[]>`
      select o.id as order_id, count(p.id)::int as n from orders o left join packages p on p.order_id = o.id
      where o.id = any(${ids}::uuid[]) group by o.id having count(p.id) <> 1`;
    const sequences = await sql<{ seq: string; n: number }[]>`
      select seq, count(*)::int as n from (
        select order_id, string_agg(to_status::text, ',' order by id) as seq from order_events
        where order_id = any(${ids}::uuid[]) and from_status is distinct from to_status group by order_id) s
      group by seq`;
    // The workers' own records (shipped to the logs table): a task reported done twice for one order would be a
    // task run twice to its end.
    await new Promise((r) => setTimeout(r, 2_000)); // the survivor's log sink writes in batches
    const doneTwice = await sql<{ order_id: string; task: string; n: number }[]>`
      select order_id, regexp_replace(message, ' done in [0-9]+ ms$', '') as task, count(*)::int as n from logs
      where order_id = any(${ids}::uuid[]) and message ~ ': task [a-z_0-9-]+ done in [0-9]+ ms$'
      group by 1, 2 having count(*) > 1`;
    const doneRecords = await sql<{ n: number }[]>`
      select count(*)::int as n from logs where order_id = any(${ids}::uuid[]) and message ~ ': task .* done in'`;
    console.log(
      `scale: ${doneRecords[0]!.n} "task done" records for the ${ORDERS} orders; sequences ${JSON.stringify(sequences)}`,
    );

    expect({
      accepted: ids.length,
      statuses: last,
      killed: killed.signal,
      openAtKill: openAtKill.length > 0,
      bothWorked: before.every((h) => h.done > 0),
      survivorTookOver: after.done > before[1]!.done,
      packagesNotOne: packagesPerOrder,
      sequences: sequences.map((s) => s.seq),
      doneTwice,
      alive: [webs[0]!.child.exitCode, webs[1]!.child.exitCode, workers[1]!.child.exitCode],
    }).toEqual({
      accepted: ORDERS,
      statuses: { SUCCESS: ORDERS },
      killed: 'SIGKILL',
      openAtKill: true,
      bothWorked: true,
      survivorTookOver: true,
      packagesNotOne: [],
      sequences: ['RECEIVED,QUEUED,RUNNING,SUCCESS'],
      doneTwice: [],
      alive: [null, null, null],
    });
    console.log(`scale: orders part ${Date.now() - tOrders} ms`);
  }, 300_000);
});
