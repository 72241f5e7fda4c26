/**
 * `npm run bench:orders` — orders end to end over HTTP (production build, web + one worker process), measured in
 * one run against the GDAL command-line tools on the same store files:
 *   1. a 10,000 km² raster order on the large demo store (100 km × 100 km, 100 Mpx): POST → SUCCESS → downloaded
 *      zip, vs `gdalwarp -cutline <the AOI in EPSG:4326> -crop_to_cutline -tr 10 10 -tap -co COMPRESS=DEFLATE -co TILED=YES`
 *      + `gdaladdo` (GDAL densifies the cutline itself, as we do), and vs GDAL at its best on both cores
 *      (`gdalwarp -multi -wo NUM_THREADS=ALL_CPUS -of COG -co NUM_THREADS=ALL_CPUS`, or a multi-threaded gdalwarp to a
 *      tiled GeoTIFF + `gdal_translate -of COG -co NUM_THREADS=ALL_CPUS`; the faster of the two);
 *   2. a 1,000 km² vector order on the demo vector store: POST → SUCCESS → zip, vs `ogr2ogr -f GPKG -clipsrc`
 *      over the same netCDF group files (twice each, interleaved), then one near the area limit (ours only);
 *   3. latency p50/p99 of 200 small (1 km²) raster orders, 8 in flight;
 *   4. time to drain 1,000 queued small orders with one worker (orders accepted while the worker is stopped);
 *   5. a national raster order (Austria, where the large store has data) to EPSG:31287, vs `gdalwarp -t_srs
 *      EPSG:31287 -tr 10 10 -tap -cutline` + `gdaladdo`; then one cancelled during its warp (time to ABORTED, and
 *      to the GDAL child process being gone);
 *   6. memory: the largest AOI an order may ask for (just under ORDER_MAX_PIXELS) and the largest cut the worker does
 *      itself (IN_PROCESS_MAX_PIXELS), each on a fresh worker; the peak resident memory (VmHWM, /proc, sampled every
 *      25 ms) of the worker and of its GDAL child process (found in the worker's process tree).
 * Where the time goes: per-task times of the big orders from BullMQ (queued, extract, package, teardown).
 * Needs the large demo variant (`npm run demo-data -- --size large`; created here when missing).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { eq, inArray, sql } from 'drizzle-orm';
import { closeDb, getDb } from '~/db/client';
import { orders } from '~/db/schema';
import { createClient } from '~/server/clients/create-client';
import { env } from '~/server/env.js';
import gdal from '~/server/geo/gdal';
import { IN_PROCESS_MAX_PIXELS } from '~/server/packages/extract-raster';
import { boundsToPolygon, type Bounds } from '~/server/storage/grid';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { findGroup, findGroupsIntersecting, listGroups } from '~/server/storage/find-groups';
import { openVectorGroup, sidecarOf } from '~/server/storage/vector-sidecar';
import { buildIfNeeded } from '~/scripts/lib/build';
import { progressBar } from '~/scripts/lib/progress';
import { ensureLargeDemo, fmt, removeBenchClient, startWeb, startWorker, stats } from './lib';

const { values } = parseArgs({
  options: { only: { type: 'string', default: '1,2,5,6,3,4' }, profile: { type: 'string' } },
});
/** `-- --only 3,4`: run some parts only (they run in the order 1, 2, 5, 6, 3, 4). */
const only = new Set(values.only!.split(',').map((v) => v.trim()));
const db = await getDb();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-bench-orders-'));
const prefix = `clcplus-bench-${process.pid}`;
const results = path.join(tmp, 'results');
const large = DEMO_AREAS.large;

const sec = (ms: number) => `${fmt(ms / 1000, 2)} s`;

/** A 3035 box as a densified polygon in EPSG:4326 (the AOI a client would send). */
const boxAoi4326 = (b: Bounds) => aoi4326Of(boundsToPolygon(b));

/** Any EPSG:3035 polygon, densified every kilometre, in EPSG:4326. */
function aoi4326Of(polygon: { type: 'Polygon'; coordinates: number[][][] }) {
  const g = gdal.Geometry.fromGeoJson(polygon);
  g.segmentize(1000);
  g.srs = gdal.SpatialReference.fromEPSG(3035);
  g.transformTo(gdal.SpatialReference.fromEPSG(4326));
  return g.toObject() as { type: 'Polygon'; coordinates: number[][][] };
}

/** Resident memory of a process (kB): now and its peak (VmHWM), from /proc; null when it is gone. */
function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0), hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** The descendants of a process (the worker's GDAL children), from /proc/<pid>/task/<tid>/children. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const read = (f: string, list: (f: string) => string[]) => {
    try {
      return list(f);
    } catch {
      return []; // gone meanwhile
    }
  };
  const walk = (p: number) => {
    for (const t of read(`/proc/${p}/task`, (f) => fs.readdirSync(f)))
      for (const k of read(`/proc/${p}/task/${t}/children`, (f) => fs.readFileSync(f, 'utf8').split(' ')).filter(Boolean)) {
        out.push(Number(k));
        walk(Number(k));
      }
  };
  walk(pid);
  return out;
}

/** The AOI as GeoJSON in EPSG:4326, as sent: gdalwarp takes it as its cutline and densifies it itself. */
function aoiFile4326(name: string, geometry: object): string {
  const wgs84 = path.join(tmp, `${name}.geojson`);
  fs.writeFileSync(
    wgs84,
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }),
  );
  return wgs84;
}

/**
 * The AOI in EPSG:3035 for `ogr2ogr -clipsrc` (which would reproject a clip in another CRS vertex by vertex): densified
 * by ogr2ogr in lon/lat first (-segmentize 5e-5°, ≤ 5.6 m, applied before -t_srs), so its edges stay the lines sent.
 */
function aoiFile3035(name: string, geometry: object): string {
  const laea = path.join(tmp, `${name}-3035.geojson`);
  spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-segmentize', '0.00005', '-t_srs', 'EPSG:3035', laea, aoiFile4326(name, geometry)]);
  return laea;
}

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** `-- --profile DIR`: every worker started writes a V8 CPU profile into DIR when it stops (open it in Chrome DevTools). */
const startBenchWorker = () =>
  startWorker(
    { QUEUE_PREFIX: prefix, RESULTS_DIR: results },
    values.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] } : {},
  );

let clientRowId = '';
let web: Awaited<ReturnType<typeof startWeb>> | undefined;
let worker: ReturnType<typeof startWorker> | undefined;
const redis = createQueueConnection(env.REDIS_URL);

try {
  console.log('▸ CLC+ Backbone orders benchmark (web + 1 worker, production build, this machine)\n');
  await ensureLargeDemo(db);
  buildIfNeeded(); // exits when the build fails

  // A client of its own, removed at the end with its orders.
  const { client, clientSecret } = await createClient(
    db,
    { name: 'bench orders', scopes: ['get_product'] },
    { type: 'system', id: 'bench' },
  );
  clientRowId = client.id;
  web = await startWeb({
    QUEUE_PREFIX: prefix,
    RESULTS_DIR: results,
    RASTER_PRODUCT: large.product,
    ORDER_MAX_OPEN_PER_CLIENT: '5000',
    RATE_LIMIT_TOKEN_PER_CLIENT: '1000',
  });
  const tok = await fetch(`${web.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  const token = ((await tok.json()) as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}` };

  /** An order of a product service (`get_product`, `get_national_product`…); its id. */
  const postTo = async (service: string, body: object) => {
    const r = await fetch(`${web!.url}/v1/products/${service}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 202) throw new Error(`order refused: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { order_id: string }).order_id;
  };
  const post = (product: 'Raster' | 'Vector', aoi: unknown) => postTo('get_product', { product, aoi });
  const status = async (id: string) =>
    (await (await fetch(`${web!.url}/v1/services/order_status/${id}`, { headers: auth })).json()) as {
      status: string;
      result: string | null;
      error: unknown;
    };
  const untilFinal = async (id: string, everyMs = 100) => {
    for (;;) {
      const s = await status(id);
      if (['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(s.status)) return s;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  const download = async (url: string, file: string) => {
    const r = await fetch(url, { headers: auth });
    fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    return fs.statSync(file).size;
  };
  /** POST → SUCCESS → downloaded, in ms. */
  const endToEndOf = async (service: string, body: object) => {
    const t0 = performance.now();
    const id = await postTo(service, body);
    const s = await untilFinal(id, 50);
    if (s.status !== 'SUCCESS') throw new Error(`order ${id} ended ${s.status}: ${JSON.stringify(s.error)}`);
    const tDone = performance.now();
    const bytes = await download(s.result!, path.join(tmp, `${id}.zip`));
    return { id, toSuccess: tDone - t0, total: performance.now() - t0, bytes };
  };
  const endToEnd = (product: 'Raster' | 'Vector', aoi: unknown) => endToEndOf('get_product', { product, aoi });
  /** The lines every big order prints: its times, and where they went. */
  const report = (o: { toSuccess: number; total: number; bytes: number }, tasks: Record<string, number>) => {
    console.log(`     ours: POST → SUCCESS ${sec(o.toSuccess)}, → zip downloaded ${sec(o.total)} (${fmt(o.bytes / 1e6)} MB)`);
    console.log(
      `     where the time goes: ${Object.entries(tasks)
        .map(([k, v]) => `${k} ${sec(v)}`)
        .join(', ')}`,
    );
  };
  const tasksQueue = new Queue('tasks', { connection: redis, prefix });
  const taskTimes = async (id: string) => {
    const out: Record<string, number> = {};
    let first = Infinity;
    for (const t of ['extract', 'package', 'teardown']) {
      const j = await tasksQueue.getJob(`${id}.${t}`);
      if (j?.processedOn && j.finishedOn) {
        out[t] = j.finishedOn - j.processedOn;
        first = Math.min(first, j.processedOn);
      }
    }
    const [o] = await db.select({ received: orders.receivedAt, result: orders.result }).from(orders).where(eq(orders.id, id));
    out['accepted → first task'] = first - o!.received.getTime();
    // Inside extract (measured by the task itself).
    const inside = (o!.result as { extract?: { timings?: Record<string, number> } }).extract?.timings ?? {};
    for (const [k, v] of Object.entries(inside)) out[`  extract/${k}`] = v;
    return out;
  };

  worker = startBenchWorker();
  await worker.ready;

  // 1. Raster, 10,000 km².
  if (only.has('1')) {
    const box = { minX: 4_750_000, minY: 2_770_000, maxX: 4_850_000, maxY: 2_870_000 };
    const aoi = boxAoi4326(box);
    await endToEnd('Raster', boxAoi4326({ minX: 4_800_000, minY: 2_800_000, maxX: 4_801_000, maxY: 2_801_000 })); // warm-up
    const raster = await endToEnd('Raster', aoi);
    const rasterTasks = await taskTimes(raster.id);
    const aoi4326 = aoiFile4326('aoi', aoi);
    const largeFile = path.join(
      env.STORE_DIR,
      (await findGroup(db, { product: large.product, referenceYear: large.year, group: 'large' }))!.filePath,
    );
    const warped = path.join(tmp, 'gdalwarp.tif');
    const warpMs = timed([
      ...[
        'gdalwarp',
        '-q',
        '-cutline',
        aoi4326,
        '-crop_to_cutline',
        '-tr',
        '10',
        '10',
        '-tap',
        '-r',
        'near',
        '-dstnodata',
        '255',
      ],
      ...['-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES', '-co', 'BIGTIFF=IF_SAFER', largeFile, warped],
    ]);
    const addoMs = timed(['gdaladdo', '-q', '-r', 'nearest', warped]);
    // GDAL at its best: both cores for the warp (-multi, NUM_THREADS) and for the compression, straight to a COG
    // (DEFLATE, NEAREST overviews, as ours), or through a tiled GeoTIFF and gdal_translate -of COG; the faster counts.
    const cut = ['-cutline', aoi4326, '-crop_to_cutline', '-tr', '10', '10', '-tap', '-r', 'near', '-dstnodata', '255'];
    const threads = ['-multi', '-wo', 'NUM_THREADS=ALL_CPUS', '-co', 'NUM_THREADS=ALL_CPUS', '-co', 'BIGTIFF=IF_SAFER'];
    const cogCo = ['-co', 'COMPRESS=DEFLATE', '-co', 'OVERVIEW_RESAMPLING=NEAREST'];
    const directCog = path.join(tmp, 'gdalwarp-cog.tif');
    const directMs = timed(['gdalwarp', '-q', ...cut, ...threads, '-of', 'COG', ...cogCo, largeFile, directCog]);
    const tiled = path.join(tmp, 'gdalwarp-mt.tif');
    const mtWarpMs = timed([
      'gdalwarp',
      '-q',
      ...cut,
      ...threads,
      '-co',
      'COMPRESS=DEFLATE',
      '-co',
      'TILED=YES',
      largeFile,
      tiled,
    ]);
    const translateMs = timed([
      ...['gdal_translate', '-q', '-of', 'COG', '-co', 'NUM_THREADS=ALL_CPUS', ...cogCo, '-co', 'BIGTIFF=IF_SAFER'],
      ...[tiled, path.join(tmp, 'gdal-translate-cog.tif')],
    ]);
    const bestMs = Math.min(directMs, mtWarpMs + translateMs);
    console.log('  1. raster order, 10,000 km² (100 km × 100 km, 100 Mpx), large demo store');
    report(raster, rasterTasks);
    console.log(
      `     gdalwarp -cutline -crop_to_cutline: ${sec(warpMs)}, + gdaladdo: ${sec(addoMs)}, together ${sec(warpMs + addoMs)}`,
    );
    console.log(
      `     ratio (gdalwarp + gdaladdo) / ours to SUCCESS: ${fmt((warpMs + addoMs) / raster.toSuccess, 2)}×; to downloaded zip: ${fmt((warpMs + addoMs) / raster.total, 2)}×`,
    );
    console.log(
      `     GDAL at its best (both cores): gdalwarp -multi -wo NUM_THREADS=ALL_CPUS -of COG -co NUM_THREADS=ALL_CPUS ${sec(directMs)}; ` +
        `gdalwarp -multi … (tiled GeoTIFF) ${sec(mtWarpMs)} + gdal_translate -of COG -co NUM_THREADS=ALL_CPUS ${sec(translateMs)} = ${sec(mtWarpMs + translateMs)}`,
    );
    console.log(`     ratio GDAL at its best (${sec(bestMs)}) / ours to SUCCESS: ${fmt(bestMs / raster.toSuccess, 2)}×\n`);
  }

  // 2. Vector, 1,000 km² on the demo vector store (twice, each beside its ogr2ogr run: the machine is shared), and an
  // AOI near ORDER_MAX_AREA_KM2 (ours only: ogr2ogr -clipsrc with its ~200,000-vertex cutline takes minutes).
  if (only.has('2')) {
    const vref = { product: 'clcplus_vector', referenceYear: 2021 };
    // Every version's GeoPackage copy is written on ingestion; a store ingested before copies existed gets them here,
    // once (the first order would otherwise build them).
    const tCopies = performance.now();
    let built = 0;
    for (const g of await listGroups(db, vref)) {
      const nc = path.join(env.STORE_DIR, g.filePath);
      const had = fs.existsSync(sidecarOf(nc));
      const s = await openVectorGroup(nc, g.sha256);
      s.ds.close();
      if (!had && s.via === 'sidecar') built++;
    }
    console.log(`  2. GeoPackage copies of the vector groups: ${built} built in ${sec(performance.now() - tCopies)}`);
    await endToEnd('Vector', boxAoi4326({ minX: 4_790_000, minY: 2_800_000, maxX: 4_791_000, maxY: 2_801_000 })); // warm-up
    const vbox = { minX: 4_770_000, minY: 2_790_000, maxX: 4_801_623, maxY: 2_821_623 };
    const vaoi = boxAoi4326(vbox);
    const vaoi3035 = aoiFile3035('vaoi', vaoi);
    const vgroups = await findGroupsIntersecting(db, { ...vref, geometry: boundsToPolygon(vbox) });
    const ogr2ogr = () => {
      const ogrOut = path.join(tmp, 'ogr2ogr.gpkg');
      fs.rmSync(ogrOut, { force: true });
      let ms = 0;
      for (const g of vgroups) {
        ms += timed([
          ...[
            'ogr2ogr',
            '-f',
            'GPKG',
            ...(fs.existsSync(ogrOut) ? ['-append'] : []),
            '-nln',
            'clcplus_vector_2021',
            '-nlt',
            'MULTIPOLYGON',
          ],
          ...[
            '-clipsrc',
            vaoi3035,
            '-spat',
            String(vbox.minX),
            String(vbox.minY),
            String(vbox.maxX),
            String(vbox.maxY),
            ogrOut,
            path.join(env.STORE_DIR, g.filePath),
          ],
        ]);
      }
      return ms;
    };
    console.log(`  2. vector order, 1,000 km² (${vgroups.length} store groups), demo vector store`);
    const ratios: number[] = [];
    for (let round = 1; round <= 2; round++) {
      const vector = await endToEnd('Vector', vaoi);
      const vectorTasks = await taskTimes(vector.id);
      const ogrMs = ogr2ogr();
      console.log(`     round ${round}`);
      report(vector, vectorTasks);
      console.log(`     ogr2ogr -clipsrc (one call per group): ${sec(ogrMs)}`);
      console.log(
        `     ratio ogr2ogr / ours to SUCCESS: ${fmt(ogrMs / vector.toSuccess, 2)}×; to downloaded zip: ${fmt(ogrMs / vector.total, 2)}×`,
      );
      ratios.push(ogrMs / vector.toSuccess);
    }
    console.log(`     ratios to SUCCESS: ${ratios.map((r) => `${fmt(r, 2)}×`).join(', ')}\n`);
    // Near the area limit: the AOI of server/packages/extract-aoi-edges.test.ts (2.9° × 2°, ~48,700 km²).
    const near = await endToEnd('Vector', {
      type: 'Polygon',
      coordinates: [
        [
          [15.0, 46.25],
          [17.9, 46.25],
          [17.9, 48.25],
          [15.0, 48.25],
          [15.0, 46.25],
        ],
      ],
    });
    console.log('  2b. vector order near the area limit (~48,700 km², 2.9° × 2°; covers the whole demo vector store)');
    report(near, await taskTimes(near.id));
    console.log('');
  }

  // 5. National raster order: Austria where the large store has data, and cancelling one in the middle of its warp.
  if (only.has('5')) {
    const austria = { product: 'Raster', nation: 'Austria' };
    const national = await endToEndOf('get_national_product', austria);
    const nationTasks = await taskTimes(national.id);
    const [cut] = await db.execute<{ g: string; km2: number }>(sql`
      select ST_AsGeoJSON(c, 3) as g, ST_Area(c) / 1e6 as km2 from (
        select ST_Intersection(ST_Transform(ST_Segmentize(n.boundary, 5e-5), 3035), g.extent) as c
        from nations n, store_groups g join products p on p.id = g.product_id
        where n.name = 'Austria' and p.code = ${large.product} and p.reference_year = ${large.year}) x`);
    const cutline = path.join(tmp, 'austria-cut-3035.geojson');
    fs.writeFileSync(
      cutline,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3035' } },
        features: [{ type: 'Feature', properties: {}, geometry: JSON.parse(cut!.g) }],
      }),
    );
    const largeFile = path.join(
      env.STORE_DIR,
      (await findGroup(db, { product: large.product, referenceYear: large.year, group: 'large' }))!.filePath,
    );
    const warped = path.join(tmp, 'gdalwarp-31287.tif');
    const warpMs = timed([
      ...['gdalwarp', '-q', '-t_srs', 'EPSG:31287', '-tr', '10', '10', '-tap', '-r', 'near', '-cutline', cutline],
      ...['-crop_to_cutline', '-srcnodata', '255', '-dstnodata', '255', '-wo', 'NUM_THREADS=ALL_CPUS'],
      ...['-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES', '-co', 'BIGTIFF=IF_SAFER', largeFile, warped],
    ]);
    const addoMs = timed(['gdaladdo', '-q', '-r', 'nearest', warped]);
    const size = gdal.open(warped).rasterSize;

    // Cancel a second one once its warp runs (progress past 10 %): how long until ABORTED, and is the GDAL child gone?
    const id2 = await postTo('get_national_product', austria);
    for (;;) {
      const st = (await status(id2)) as { status: string; progress?: number };
      if (st.status === 'RUNNING' && (st.progress ?? 0) > 10) break;
      if (['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(st.status)) throw new Error(`order ${id2} ended ${st.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const tCancel = performance.now();
    const ab = await fetch(`${web!.url}/v1/services/order_status/${id2}/abort`, { method: 'POST', headers: auth });
    if (!ab.ok) throw new Error(`abort refused: ${ab.status} ${await ab.text()}`);
    const aborted = await untilFinal(id2, 20);
    const cancelMs = performance.now() - tCancel;
    let childGoneMs = NaN;
    for (let i = 0; i < 200; i++) {
      if (spawnSync('pgrep', ['-f', 'subprocess-child.ts']).status !== 0) {
        childGoneMs = performance.now() - tCancel;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }

    console.log(
      `  5. national raster order, Austria ∩ the large store (${fmt(cut!.km2, 0)} km²; ${size.x} × ${size.y} px in EPSG:31287)`,
    );
    report(national, nationTasks);
    console.log(
      `     gdalwarp -t_srs EPSG:31287 -tap -cutline: ${sec(warpMs)}, + gdaladdo: ${sec(addoMs)}, together ${sec(warpMs + addoMs)}`,
    );
    console.log(`     ratio (gdalwarp + gdaladdo) / ours to SUCCESS: ${fmt((warpMs + addoMs) / national.toSuccess, 2)}×`);
    console.log(
      `     cancelled during the warp: ${aborted.status} ${sec(cancelMs)} after the abort request; GDAL child process gone after ${sec(childGoneMs)}\n`,
    );
  }

  // 6. Memory: the largest raster AOI an order may ask for (ORDER_MAX_PIXELS), and the largest cut in the worker itself
  //    (IN_PROCESS_MAX_PIXELS), each on a fresh worker: peak resident memory of the worker and of its GDAL child.
  if (only.has('6')) {
    console.log(
      `  6. worker memory, raster AOI orders at the limits (ORDER_MAX_PIXELS ${fmt(env.ORDER_MAX_PIXELS / 1e6, 0)} Mpx)`,
    );
    const c = { x: (large.extent.minX + large.extent.maxX) / 2, y: (large.extent.minY + large.extent.maxY) / 2 };
    // A square whose window is just under ORDER_MAX_PIXELS, two opposite corners cut off so that its area stays
    // under ORDER_MAX_AREA_KM2 (the window is the envelope: a square of that area would be 500 Mpx).
    const side = Math.floor((Math.sqrt(env.ORDER_MAX_PIXELS * 100) * 0.995) / 1000) * 1000;
    const leg = Math.ceil(Math.sqrt(Math.max(0, side * side - env.ORDER_MAX_AREA_KM2 * 0.98e6)) / 1000) * 1000;
    const [x0, y0] = [c.x - side / 2, c.y - side / 2];
    const cornerCut = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x0 + leg, y0],
          [x0 + side, y0],
          [x0 + side, y0 + side - leg],
          [x0 + side - leg, y0 + side],
          [x0, y0 + side],
          [x0, y0 + leg],
          [x0 + leg, y0],
        ],
      ],
    };
    const inProcessSide = Math.floor((Math.sqrt(IN_PROCESS_MAX_PIXELS * 100) * 0.99) / 1000) * 1000;
    const shapes = [
      { label: `largest allowed (${side / 1000} km square minus two ${leg / 1000} km corners)`, geometry: aoi4326Of(cornerCut) },
      {
        label: `largest cut in the worker (${inProcessSide / 1000} km square)`,
        geometry: boxAoi4326({
          minX: c.x - inProcessSide / 2,
          minY: c.y - inProcessSide / 2,
          maxX: c.x + inProcessSide / 2,
          maxY: c.y + inProcessSide / 2,
        }),
      },
    ];
    for (const shape of shapes) {
      await worker?.stop();
      worker = startBenchWorker();
      await worker.ready;
      const pid = worker.child.pid!;
      const before = procMemory(pid)!;
      const peak = { worker: 0, child: 0, childPid: 0 };
      const sampler = setInterval(() => {
        const w = procMemory(pid);
        if (w) peak.worker = Math.max(peak.worker, w.hwm);
        for (const k of descendants(pid)) {
          const m = procMemory(k);
          if (m && m.hwm > peak.child) Object.assign(peak, { child: m.hwm, childPid: k });
        }
      }, 25);
      try {
        const o = await endToEnd('Raster', shape.geometry);
        const tasks = await taskTimes(o.id);
        console.log(`     ${shape.label}: POST → SUCCESS ${sec(o.toSuccess)} (${fmt(o.bytes / 1e6)} MB zip)`);
        console.log(
          `       where the time goes: ${Object.entries(tasks)
            .map(([k, v]) => `${k.trim()} ${sec(v)}`)
            .join(', ')}`,
        );
      } finally {
        clearInterval(sampler);
      }
      console.log(
        `       worker resident memory: ${fmt(before.rss / 1024)} MB before, peak (VmHWM) ${fmt(peak.worker / 1024)} MB; ` +
          (peak.childPid ? `GDAL child (pid ${peak.childPid}) peak ${fmt(peak.child / 1024)} MB` : 'no child process'),
      );
    }
    console.log('');
  }

  const small = (i: number) => {
    const x = large.extent.minX + 5_000 + ((i * 7919) % 190) * 1_000;
    const y = large.extent.minY + 5_000 + ((i * 104729) % 190) * 1_000;
    return boxAoi4326({ minX: x, minY: y, maxX: x + 1_000, maxY: y + 1_000 });
  };
  // 3. 200 small orders: one at a time (latency), then 8 in flight (latency under load, throughput).
  if (only.has('3')) {
    console.log('  3. 200 small raster orders (1 km², 10,000 px each), POST → SUCCESS (status polled every 50 ms)');
    for (const inFlight of [1, 8]) {
      const lat: number[] = [];
      let next = 0;
      const t3 = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < 200) {
            const i = next++;
            lat.push((await endToEnd('Raster', small(i + inFlight * 1000))).toSuccess);
          }
        }),
      );
      const s3 = stats(lat);
      console.log(
        `     ${inFlight} in flight: p50 ${sec(s3.p50)}, p90 ${sec(s3.p90)}, p99 ${sec(s3.p99)}, max ${sec(s3.max)}; ${fmt(200 / ((performance.now() - t3) / 1000))} orders/s`,
      );
    }
    console.log('');
  }

  // 4. Drain 1,000 queued orders with one worker.
  if (only.has('4')) {
    await worker.stop();
    worker = undefined;
    const ids: string[] = [];
    const tAccept = performance.now();
    let k = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (k < 1000) {
          const i = 1000 + k++;
          ids.push(await post('Raster', small(i + 10_000)));
        }
      }),
    );
    const acceptMs = performance.now() - tAccept;
    worker = startBenchWorker();
    const tDrain = performance.now();
    await worker.ready;
    const bar = progressBar('draining 1,000 orders', 1000, 'orders');
    for (;;) {
      const rows = await db.select({ status: orders.status }).from(orders).where(inArray(orders.id, ids));
      const done = rows.filter((r) => ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(r.status));
      bar.update(done.length);
      if (done.length === ids.length) {
        const bad = done.filter((r) => r.status !== 'SUCCESS').length;
        if (bad) console.log(`     ! ${bad} orders did not succeed`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    bar.done();
    const drainMs = performance.now() - tDrain;
    console.log('  4. 1,000 queued small orders, one worker (accepted while it was stopped)');
    console.log(
      `     accepted in ${sec(acceptMs)} (${fmt(1000 / (acceptMs / 1000))} orders/s over HTTP); drained in ${sec(drainMs)} (${fmt(1000 / (drainMs / 1000))} orders/s, worker start included)\n`,
    );
  }
} catch (e) {
  const cause = (e as { cause?: unknown }).cause;
  console.error(`\n✗ ${e instanceof Error ? e.message : String(e)}${cause ? ` (${String(cause)})` : ''}`);
  process.exitCode = 1;
} finally {
  await worker?.stop();
  await web?.stop();
  if (clientRowId) await removeBenchClient(db, clientRowId);
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  fs.rmSync(tmp, { recursive: true, force: true });
  await closeDb();
}
