/**
 * `npm run bench:api` — API throughput of the production build on this machine, with autocannon as the load
 * generator (on the same cores, as `wrk` would be): requests/s, p50 and p99 at 32 connections for
 *   /healthz (the stack's floor: Next.js routing, no database), the order status of a finished order (token
 *   verification + one order read + its package + a signed link), /v1/auth/me (token verification), the JWKS, and an
 *   order POST replayed with one Idempotency-Key (token, body parsing, the replay lookup),
 * each as a ratio of /healthz in the same run, and the web processes' CPU time per request (from /proc: it does not
 * depend on what else the machine runs, unlike req/s). `-- --processes 1,2` repeats the set with that many web processes
 * (WEB_CONCURRENCY), so the floor itself shows how it scales; `-- --seconds N` per target (default 10).
 * One worker process finishes the order whose status is read. Rate limits are lifted for the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { closeDb, getDb } from '~/db/client';
import { seedDatabase } from '~/db/seed/seed-database';
import { createClient } from '~/server/clients/create-client';
import { env } from '~/server/env.js';
import gdal from '~/server/geo/gdal';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { boundsToPolygon } from '~/server/storage/grid';
import { buildIfNeeded } from '~/scripts/lib/build';
import { descendantsOf, fmt, startWeb, startWorker } from './lib';

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: `1,${os.availableParallelism()}` },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
  },
});
const processCounts = [...new Set(values.processes!.split(',').map((v) => Number(v.trim())))];
const seconds = Number(values.seconds);
const connections = Number(values.connections);

buildIfNeeded();
const db = await getDb();
await seedDatabase(db, { adminEmail: env.ADMIN_EMAIL });
const prefix = `clcplus-bench-api-${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-bench-api-'));
const webEnv = {
  RATE_LIMIT_TOKEN_PER_CLIENT: '100000000',
  RATE_LIMIT_TOKEN_PER_IP: '100000000',
  LOG_LEVEL: 'warn',
  QUEUE_PREFIX: prefix,
  RESULTS_DIR: tmp,
};
const { client, clientSecret } = await createClient(
  db,
  { name: `bench api ${new Date().toISOString()}`, scopes: ['user', 'get_product'] },
  { type: 'system', id: 'bench' },
);

// It logs at info: its ready line is what startWorker waits for.
const worker = startWorker({ ...webEnv, LOG_LEVEL: 'info' });

// 1 km² in the middle of the demo store, as a client sends it (GeoJSON in EPSG:4326).
const { minX, minY } = DEMO_AREAS.demo.extent;
const box = gdal.Geometry.fromGeoJson(
  boundsToPolygon({ minX: minX + 30_000, minY: minY + 30_000, maxX: minX + 31_000, maxY: minY + 31_000 }),
);
box.srs = gdal.SpatialReference.fromEPSG(3035);
box.transformTo(gdal.SpatialReference.fromEPSG(4326));
const smallAoi = box.toObject();

type Row = { name: string; rps: number; p50: number; p99: number; errors: number; cpuMs: number };

/** CPU time (user + system) of processes, in ms: independent of what else the machine runs. */
function cpuMs(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let ms = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      /* gone */
    }
  }
  return ms;
}

async function measure(
  pids: number[],
  name: string,
  url: string,
  opts: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; expect: number },
): Promise<Row> {
  const cpu0 = cpuMs(pids);
  const r = await autocannon({
    url,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    connections,
    duration: seconds,
  });
  const cpu = (cpuMs(pids) - cpu0) / Math.max(1, r.requests.total);
  // Anything but the expected status is an error (autocannon counts 2xx; a replayed POST is 202).
  const wrong = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => Number(code) !== opts.expect)
    .reduce((n, [, s]) => n + (s.count ?? 0), 0);
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + wrong,
    cpuMs: cpu,
  };
}

async function runSet(processes: number): Promise<Row[]> {
  await worker.ready;
  const web = await startWeb({ ...webEnv, WEB_CONCURRENCY: String(processes) });
  try {
    const basic = `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`;
    const tok = await fetch(`${web.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (tok.status !== 200) throw new Error(`token: ${tok.status} ${await tok.text()}`);
    const bearer = { authorization: `Bearer ${((await tok.json()) as { access_token: string }).access_token}` };
    // A 1 km² raster order in the demo store (the same body every time: one Idempotency-Key, one order).
    const body = JSON.stringify({ product: 'Raster', aoi: smallAoi });
    const post = { ...bearer, 'content-type': 'application/json', 'idempotency-key': `bench-api-${process.pid}` };
    const accepted = await fetch(`${web.url}/v1/products/get_product`, { method: 'POST', headers: post, body });
    if (accepted.status !== 202) throw new Error(`order refused: ${accepted.status} ${await accepted.text()}`);
    const { order_id } = (await accepted.json()) as { order_id: string };
    const statusUrl = `${web.url}/v1/services/order_status/${order_id}`;
    for (let i = 0; ; i++) {
      const s = (await (await fetch(statusUrl, { headers: bearer })).json()) as { status: string };
      if (s.status === 'SUCCESS') break;
      if (['FAILED', 'ABORTED'].includes(s.status) || i > 600) throw new Error(`the order ended ${s.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const rows: Row[] = [];
    const targets: [string, string, Parameters<typeof measure>[3]][] = [
      ['/healthz', `${web.url}/healthz`, { expect: 200 }],
      ['order status (SUCCESS)', statusUrl, { headers: bearer, expect: 200 }],
      ['/v1/auth/me', `${web.url}/v1/auth/me`, { headers: bearer, expect: 200 }],
      ['JWKS', `${web.url}/oauth/jwks`, { expect: 200 }],
      ['order POST, replayed', `${web.url}/v1/products/get_product`, { method: 'POST', headers: post, body, expect: 202 }],
    ];
    // Warm-up of every target first: the first requests of a route load its chunks and get the JIT going.
    for (const [, url, opts] of targets) {
      await autocannon({ url, method: opts.method ?? 'GET', headers: opts.headers, body: opts.body, connections, duration: 2 });
    }
    for (const [name, url, opts] of targets) {
      const row = await measure([web.child.pid!, ...descendantsOf(web.child.pid!)], name, url, opts);
      rows.push(row);
      process.stdout.write(`    ${name.padEnd(24)} ${fmt(row.rps, 0).padStart(7)} req/s  ${fmt(row.cpuMs, 2)} CPU ms/request\n`);
    }
    return rows;
  } finally {
    await web.stop();
  }
}

try {
  console.log(
    `▸ CLC+ Backbone API benchmark (autocannon, ${connections} connections, ${seconds} s per target, ` +
      `${os.availableParallelism()} cores, load generator on the same cores)\n`,
  );
  const sets: [number, Row[]][] = [];
  for (const n of processCounts) {
    console.log(`  WEB_CONCURRENCY=${n}`);
    sets.push([n, await runSet(n)]);
  }
  for (const [n, rows] of sets) {
    const floor = rows[0]!.rps;
    console.log(`\n  ${n} web process${n > 1 ? 'es' : ''} (× /healthz: its req/s, and its CPU time per request over ours)`);
    console.log(
      `  ${'target'.padEnd(24)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× /healthz'.padStart(10)} ` +
        `${'CPU ms/req'.padStart(10)} ${'× /healthz'.padStart(10)} ${'errors'.padStart(6)}`,
    );
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(24)} ${fmt(r.rps, 0).padStart(7)} ${fmt(r.p50, 0).padStart(7)} ${fmt(r.p99, 0).padStart(7)} ` +
          `${fmt(r.rps / floor, 2).padStart(10)} ${fmt(r.cpuMs, 2).padStart(10)} ${fmt(rows[0]!.cpuMs / r.cpuMs, 2).padStart(10)} ` +
          `${String(r.errors).padStart(6)}`,
      );
    }
  }
  if (sets.length > 1) {
    const [a, b] = [sets[0]!, sets[sets.length - 1]!];
    console.log(`\n  /healthz with ${b[0]} processes vs ${a[0]}: ${fmt(b[1][0]!.rps / a[1][0]!.rps, 2)}×`);
    console.log(`  order status with ${b[0]} processes vs ${a[0]}: ${fmt(b[1][1]!.rps / a[1][1]!.rps, 2)}×`);
  }
} finally {
  await worker.stop();
  const redis = createQueueConnection(env.REDIS_URL);
  await deleteByPrefix(redis, prefix);
  redis.disconnect();
  await closeDb();
  fs.rmSync(tmp, { recursive: true, force: true });
}
