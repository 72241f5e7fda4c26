/**
 * `npm run bench:soak [-- --minutes 60 --rate 2]` — does memory stay flat under steady load? A production build of
 * the web and one worker process get N minutes of mixed load over HTTP, as an operator's clients would send it:
 * small (1 km²) raster and vector orders at a steady rate, their status polled until final, every package
 * downloaded, one order in 25 cancelled right after it was accepted, and a few bad requests (a broken AOI, an
 * unknown order, no token) every few seconds, which must each get their 4xx.
 *
 * Every few seconds it samples the resident memory (VmRSS from /proc) of the web (all its processes), of the worker
 * and, apart, of the worker's GDAL child processes, and the worker's V8 heap (its /healthz). Every few minutes and at
 * the end it prints a table; at the end the RSS after warm-up (the first 10 % of the run) against the end, the
 * growth in % and MB/hour (least squares over the samples after warm-up), and an ASCII curve. The samples go to
 * `.data/bench/soak-<time>.csv`, a chart to `.data/bench/soak-<time>.svg`.
 * Goal: after warm-up, flat within 5 % over an hour.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { closeDb, getDb } from '~/db/client';
import { createClient } from '~/server/clients/create-client';
import { env } from '~/server/env.js';
import gdal from '~/server/geo/gdal';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { boundsToPolygon, type Bounds } from '~/server/storage/grid';
import { buildIfNeeded } from '~/scripts/lib/build';
import { progressBar } from '~/scripts/lib/progress';
import { descendantsOf, fmt, memoryOf, removeBenchClient, startWeb, startWorker, stats } from './lib';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    /** New orders a second (raster and vector alternate). */
    rate: { type: 'string', default: '2' },
    'sample-seconds': { type: 'string', default: '5' },
    'report-minutes': { type: 'string', default: '5' },
    /** Orders in flight at most; beyond it a tick starts none (counted as skipped: the worker is behind). */
    'max-in-flight': { type: 'string', default: '64' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const sampleMs = Number(values['sample-seconds']) * 1000;
const reportMs = Number(values['report-minutes']) * 60_000;
const maxInFlight = Number(values['max-in-flight']);
const runMs = minutes * 60_000;

const db = await getDb();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-bench-soak-'));
const prefix = `clcplus-soak-${process.pid}`;
const results = path.join(tmp, 'results');
const outDir = path.resolve('.data', 'bench');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const csvFile = path.join(outDir, `soak-${stamp}.csv`);
const svgFile = path.join(outDir, `soak-${stamp}.svg`);
const redis = createQueueConnection(env.REDIS_URL);

/** 1 km boxes on the demo store (60 km × 60 km around Vienna), as a client sends them: EPSG:4326 polygons. */
const demo = DEMO_AREAS.demo;
const toWgs84 = (b: Bounds) => {
  const g = gdal.Geometry.fromGeoJson(boundsToPolygon(b));
  g.srs = gdal.SpatialReference.fromEPSG(3035);
  g.transformTo(gdal.SpatialReference.fromEPSG(4326));
  return g.toObject() as object;
};
const AOIS = Array.from({ length: 500 }, (_, i) => {
  const x = demo.extent.minX + 2_000 + ((i * 7919) % 55) * 1_000;
  const y = demo.extent.minY + 2_000 + ((i * 104729) % 55) * 1_000;
  return toWgs84({ minX: x, minY: y, maxX: x + 1_000, maxY: y + 1_000 });
});

type Sample = {
  t: number;
  webRss: number;
  webProcs: number;
  workerRss: number;
  workerHeap: number;
  gdalRss: number;
  gdalProcs: number;
  done: number;
  failed: number;
};
const samples: Sample[] = [];
const tally = { started: 0, success: 0, aborted: 0, failed: 0, skipped: 0, downloads: 0, bytes: 0, bad: 0, unexpected: 0 };
const orderMs: number[] = [];
const errors = new Map<string, number>();
const noteError = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

let clientRowId = '';
let web: Awaited<ReturnType<typeof startWeb>> | undefined;
let worker: ReturnType<typeof startWorker> | undefined;
const timers: NodeJS.Timeout[] = [];

const mb = (n: number) => `${fmt(n, 0)} MB`;
const median = (xs: number[]) => stats(xs).p50;

/** Least squares slope of y over t (per second). */
function slope(points: { t: number; y: number }[]) {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den ? num / den : 0;
}

const SPARK = '▁▂▃▄▅▆▇█';
/** One line of block characters for a series (min…max of the series itself), `width` columns. */
function sparkline(ys: number[], width = 60) {
  if (!ys.length) return '';
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const cols = Array.from({ length: Math.min(width, ys.length) }, (_, c) => {
    const from = Math.floor((c * ys.length) / Math.min(width, ys.length));
    const to = Math.max(from + 1, Math.floor(((c + 1) * ys.length) / Math.min(width, ys.length)));
    const part = ys.slice(from, to);
    return part.reduce((s, y) => s + y, 0) / part.length;
  });
  return cols.map((y) => SPARK[hi > lo ? Math.round(((y - lo) / (hi - lo)) * (SPARK.length - 1)) : 0]).join('');
}

/** Memory after warm-up (10–15 % of the run) against the end (last 5 %), and the trend after warm-up. */
function summary(key: 'webRss' | 'workerRss' | 'workerHeap') {
  const total = samples.at(-1)?.t ?? 0;
  const after = samples.filter((s) => s.t >= total * 0.1);
  const base = median(after.filter((s) => s.t <= total * 0.15).map((s) => s[key]));
  const end = median(samples.filter((s) => s.t >= total * 0.95).map((s) => s[key]));
  const perHour = slope(after.map((s) => ({ t: s.t, y: s[key] }))) * 3600;
  return { base, end, growthPct: ((end - base) / base) * 100, perHour, peak: Math.max(...samples.map((s) => s[key])) };
}

function printTable(final: boolean) {
  const total = samples.at(-1)?.t ?? 0;
  console.log(
    `\n  ${final ? 'result' : 'so far'} after ${fmt(total / 60, 1)} min: ${tally.started} orders started, ${tally.success} succeeded, ` +
      `${tally.aborted} aborted, ${tally.failed} failed, ${tally.skipped} skipped (worker behind); ` +
      `${tally.downloads} packages downloaded (${fmt(tally.bytes / 1e6)} MB); ${tally.bad} bad requests answered 4xx, ` +
      `${tally.unexpected} unexpected answers`,
  );
  if (orderMs.length) {
    const s = stats(orderMs);
    console.log(
      `  order POST → final: p50 ${fmt(s.p50 / 1000, 2)} s, p90 ${fmt(s.p90 / 1000, 2)} s, max ${fmt(s.max / 1000, 2)} s`,
    );
  }
  if (errors.size) console.log(`  errors: ${[...errors].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  console.log('  process        after warm-up   end        growth    trend        peak');
  for (const [label, key] of [
    ['web RSS', 'webRss'],
    ['worker RSS', 'workerRss'],
    ['worker heap', 'workerHeap'],
  ] as const) {
    const r = summary(key);
    console.log(
      `  ${label.padEnd(13)}  ${mb(r.base).padStart(10)}   ${mb(r.end).padStart(8)}   ${`${r.growthPct >= 0 ? '+' : ''}${fmt(r.growthPct, 1)} %`.padStart(8)}   ` +
        `${`${r.perHour >= 0 ? '+' : ''}${fmt(r.perHour, 1)} MB/h`.padStart(11)}   ${mb(r.peak).padStart(7)}`,
    );
  }
  const gdalPeak = Math.max(0, ...samples.map((s) => s.gdalRss));
  console.log(`  GDAL children: peak ${mb(gdalPeak)} (sampled; they live only during a nation's or Europe's cut)`);
  for (const [label, key] of [
    ['web RSS', 'webRss'],
    ['worker RSS', 'workerRss'],
    ['worker heap', 'workerHeap'],
  ] as const) {
    const ys = samples.map((s) => s[key]);
    console.log(`  ${label.padEnd(12)} ${mb(Math.min(...ys)).padStart(7)} ${sparkline(ys)} ${mb(Math.max(...ys))}`);
  }
}

function writeCsv() {
  const head =
    'seconds,web_rss_mb,web_processes,worker_rss_mb,worker_heap_mb,gdal_rss_mb,gdal_processes,orders_done,orders_failed';
  const rows = samples.map((s) =>
    [s.t, s.webRss, s.webProcs, s.workerRss, s.workerHeap, s.gdalRss, s.gdalProcs, s.done, s.failed]
      .map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)))
      .join(','),
  );
  fs.writeFileSync(csvFile, [head, ...rows].join('\n') + '\n');
}

/** A small line chart: RSS of web and worker, the worker's heap; the warm-up shaded. */
function writeSvg() {
  const W = 900;
  const H = 360;
  const pad = { l: 60, r: 20, t: 30, b: 40 };
  const tMax = Math.max(1, samples.at(-1)?.t ?? 1);
  const yMax = Math.ceil(Math.max(100, ...samples.flatMap((s) => [s.webRss, s.workerRss])) / 100) * 100;
  const x = (t: number) => pad.l + (t / tMax) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / yMax) * (H - pad.t - pad.b);
  const line = (key: keyof Sample, color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${samples
      .map((s) => `${x(s.t).toFixed(1)},${y(s[key]).toFixed(1)}`)
      .join(' ')}"/>`;
  const grid = Array.from({ length: 5 }, (_, i) => (yMax * (i + 1)) / 5)
    .map(
      (v) =>
        `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end">${v} MB</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="${W}" height="${H}" fill="white"/>
<rect x="${pad.l}" y="${pad.t}" width="${x(tMax * 0.1) - pad.l}" height="${H - pad.t - pad.b}" fill="#f3f3f3"/>
${grid}
<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>
${line('webRss', '#1f77b4')}${line('workerRss', '#d62728')}${line('workerHeap', '#ff9896')}
<text x="${pad.l}" y="18" font-size="13">bench:soak — RSS over ${fmt(tMax / 60, 1)} min at ${rate} orders/s (warm-up shaded)</text>
<text x="${W - pad.r}" y="18" text-anchor="end"><tspan fill="#1f77b4">web RSS</tspan>  <tspan fill="#d62728">worker RSS</tspan>  <tspan fill="#ff9896">worker heap</tspan></text>
<text x="${pad.l}" y="${H - 15}">0</text><text x="${W - pad.r}" y="${H - 15}" text-anchor="end">${fmt(tMax / 60, 1)} min</text>
</svg>
`;
  fs.writeFileSync(svgFile, svg);
}

try {
  console.log(`▸ CLC+ Backbone soak (web + 1 worker, production build): ${minutes} min at ${rate} orders/s\n`);
  buildIfNeeded();
  const { client, clientSecret } = await createClient(
    db,
    { name: 'bench soak', scopes: ['get_product'] },
    { type: 'system', id: 'bench' },
  );
  clientRowId = client.id;
  web = await startWeb({
    QUEUE_PREFIX: prefix,
    RESULTS_DIR: results,
    ORDER_MAX_OPEN_PER_CLIENT: '5000',
    RATE_LIMIT_TOKEN_PER_CLIENT: '1000',
  });
  worker = startWorker({ QUEUE_PREFIX: prefix, RESULTS_DIR: results });
  const { healthUrl } = await worker.ready;
  const base = web.url;

  // A token, renewed every 10 minutes (tokens live an hour).
  let auth = { authorization: '' };
  const renew = async () => {
    const r = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    auth = { authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
  };
  await renew();

  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  let running = true;
  const inFlight = new Set<Promise<void>>();

  /** One client's order: POST, maybe cancel, poll until final, download the package. */
  const order = async (i: number) => {
    const started = performance.now();
    const r = await fetch(`${base}/v1/products/get_product`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ product: i % 2 ? 'Vector' : 'Raster', aoi: AOIS[i % AOIS.length] }),
    });
    if (r.status !== 202) {
      noteError(`POST ${r.status}`);
      await r.body?.cancel();
      tally.unexpected++;
      return;
    }
    const { order_id: id } = (await r.json()) as { order_id: string };
    if (i % 25 === 0) {
      const a = await fetch(`${base}/v1/services/order_status/${id}/abort`, { method: 'POST', headers: auth });
      await a.body?.cancel();
      if (a.status !== 200 && a.status !== 409) {
        noteError(`abort ${a.status}`);
        tally.unexpected++;
      }
    }
    for (;;) {
      const s = await fetch(`${base}/v1/services/order_status/${id}`, { headers: auth });
      if (s.status !== 200) {
        noteError(`status ${s.status}`);
        await s.body?.cancel();
        tally.unexpected++;
        return;
      }
      const body = (await s.json()) as { status: string; result: string | null };
      if (body.status === 'SUCCESS') {
        orderMs.push(performance.now() - started);
        tally.success++;
        const d = await fetch(body.result!, { headers: auth });
        if (d.status !== 200) {
          noteError(`download ${d.status}`);
          tally.unexpected++;
        }
        tally.bytes += (await d.arrayBuffer()).byteLength;
        tally.downloads++;
        return;
      }
      if (body.status === 'ABORTED') return void tally.aborted++;
      if (body.status === 'FAILED' || body.status === 'INVALID') {
        noteError(`order ${body.status}`);
        return void tally.failed++;
      }
      await new Promise((res) => setTimeout(res, 500));
    }
  };

  /** Requests that must be refused with a 4xx and change nothing. */
  const badRequests = async () => {
    const expect4xx = async (what: string, p: Promise<Response>) => {
      const r = await p;
      await r.body?.cancel();
      if (r.status >= 400 && r.status < 500) tally.bad++;
      else {
        noteError(`${what} ${r.status}`);
        tally.unexpected++;
      }
    };
    await Promise.all([
      expect4xx(
        'broken AOI',
        fetch(`${base}/v1/products/get_product`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ product: 'Raster', aoi: 'POLYGON ((16.3 48.2, 16.4' }),
        }),
      ),
      expect4xx('unknown order', fetch(`${base}/v1/services/order_status/${randomUUID()}`, { headers: auth })),
      expect4xx('no token', fetch(`${base}/v1/services/order_status/${randomUUID()}`)),
    ]);
  };

  const track = (p: Promise<void>) => {
    const q = p.catch((e: unknown) => {
      noteError(e instanceof Error ? e.message.slice(0, 80) : String(e));
      tally.unexpected++;
    });
    inFlight.add(q);
    void q.finally(() => inFlight.delete(q));
  };

  // Load: one order every 1/rate s, bad requests every 5 s, a new token every 10 min.
  let i = 0;
  timers.push(
    setInterval(() => {
      if (!running) return;
      if (inFlight.size >= maxInFlight) return void tally.skipped++;
      tally.started++;
      track(order(i++));
    }, 1000 / rate),
    setInterval(() => running && track(badRequests()), 5_000),
    setInterval(() => void renew().catch(() => noteError('token renewal')), 10 * 60_000),
  );

  // Samples.
  const bar = progressBar('soak', Math.round(runMs / 1000), 's');
  let nextReport = reportMs;
  while (elapsed() < runMs) {
    await new Promise((res) => setTimeout(res, sampleMs));
    const webPids = [web.child.pid!, ...descendantsOf(web.child.pid!)];
    const webMem = webPids.map(memoryOf).filter((m) => m !== undefined);
    const gdalMem = descendantsOf(worker.child.pid!)
      .map(memoryOf)
      .filter((m) => m !== undefined);
    const health = (await fetch(healthUrl)
      .then((r) => r.json())
      .catch(() => ({}))) as { memory?: { heapUsed: number }; done?: number; failed?: number };
    samples.push({
      t: Math.round(elapsed() / 1000),
      webRss: webMem.reduce((s, m) => s + m.rssMb, 0),
      webProcs: webMem.length,
      workerRss: memoryOf(worker.child.pid!)?.rssMb ?? NaN,
      workerHeap: (health.memory?.heapUsed ?? NaN) / 1024 / 1024,
      gdalRss: gdalMem.reduce((s, m) => s + m.rssMb, 0),
      gdalProcs: gdalMem.length,
      done: health.done ?? NaN,
      failed: health.failed ?? NaN,
    });
    bar.update(Math.round(elapsed() / 1000));
    if (elapsed() >= nextReport) {
      nextReport += reportMs;
      writeCsv();
      printTable(false);
    }
  }
  bar.done();
  running = false;
  timers.forEach(clearInterval);
  await Promise.race([Promise.all([...inFlight]), new Promise((res) => setTimeout(res, 60_000))]);
  writeCsv();
  writeSvg();
  printTable(true);
  const w = summary('workerRss');
  const wb = summary('webRss');
  const flat = Math.abs(w.growthPct) <= 5 && Math.abs(wb.growthPct) <= 5;
  console.log(
    `\n  ${flat ? '✓' : '✗'} after warm-up: worker ${w.growthPct >= 0 ? '+' : ''}${fmt(w.growthPct, 1)} %, web ${wb.growthPct >= 0 ? '+' : ''}${fmt(wb.growthPct, 1)} % (goal: within 5 %)`,
  );
  console.log(`  samples: ${path.relative(process.cwd(), csvFile)}, chart: ${path.relative(process.cwd(), svgFile)}\n`);
} catch (e) {
  console.error(`\n✗ ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  timers.forEach(clearInterval);
  await worker?.stop();
  await web?.stop();
  if (clientRowId) await removeBenchClient(db, clientRowId);
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  fs.rmSync(tmp, { recursive: true, force: true });
  await closeDb();
}
