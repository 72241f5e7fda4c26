/**
 * `npm run bench:store` — the product store on the large demo variant (20,000 × 20,000 px, 40,000 km²), measured
 * in one run against the GDAL command-line tools on the same data:
 *   1. ingestion: GeoTIFF → store (our ingestion, with all its checks) vs `gdal_translate -of netCDF -co
 *      FORMAT=NC4 -co COMPRESS=DEFLATE -co ZLEVEL=4` of the same GeoTIFF, three rounds interleaved;
 *   2. reading a 10,000 km² window (10,000 × 10,000 px): h5wasm hyperslab vs GDAL's netCDF driver (in-process)
 *      vs `gdal_translate -projwin` of the same window from the same file;
 *   3. chunk shapes (1×128², 1×256², 1×512², 1×1024²) on a 5,000 × 5,000 subset: write time, size, window read;
 *   4. peak memory (RSS) of each step: ours sampled in-process, GDAL's from /usr/bin/time.
 * Creates the large variant first when it is missing (`npm run demo-data -- --size large`, a few minutes).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, getDb } from '~/db/client';
import { env } from '~/server/env.js';
import gdal from '~/server/geo/gdal';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { findGroup } from '~/server/storage/find-groups';
import { h5, type H5Dataset } from '~/server/storage/h5';
import { ingestRaster } from '~/server/storage/ingest-raster';
import { writeRasterCube } from '~/server/storage/raster-cube';
import { readRasterByBounds } from '~/server/storage/read-raster';
import { ensureLargeDemo, fmt } from './lib';

const db = await getDb();
const area = DEMO_AREAS.large;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-bench-'));
const source = path.join('.data', 'demo', 'large', 'raster', `CLMS_CLCplus_RASTER_${area.year}_010m_large_03035_V1_1.tif`);

/** Runs fn while sampling this process's RSS every 20 ms; returns its result, seconds and peak RSS in MB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, peakMb: Math.max(peak, process.memoryUsage().rss) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

/** A GDAL command under /usr/bin/time: seconds and peak RSS (MB). */
function gdalCliWithMemory(args: string[]): { seconds: number; peakMb: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB=%M', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  const kb = Number(/PEAK_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds: (performance.now() - t0) / 1000, peakMb: (kb * 1024) / 1e6 };
}

try {
  console.log('▸ CLC+ Backbone product store benchmark\n');
  await ensureLargeDemo(db, source);
  const megapixels = 400;

  // 1. Ingestion, three rounds each side interleaved (the machine is shared: a ratio per round, and their range).
  console.log('  1. ingestion of 400 Mpx (GeoTIFF → netCDF-4, deflate 4)');
  const ratios: number[] = [];
  for (let round = 1; round <= 3; round++) {
    const ours = await measured(() =>
      ingestRaster(
        { db, storeDir: env.STORE_DIR },
        { file: source, product: 'clcplus_bench', referenceYear: 2021, group: 'large' },
      ),
    );
    const ref = gdalCliWithMemory([
      'gdal_translate',
      '-q',
      '-of',
      'netCDF',
      '-co',
      'FORMAT=NC4',
      '-co',
      'COMPRESS=DEFLATE',
      '-co',
      'ZLEVEL=4',
      source,
      path.join(tmp, 'gdal.nc'),
    ]);
    ratios.push(ref.seconds / ours.seconds);
    console.log(
      `     round ${round}: ours (checks + write aside + catalogue): ${fmt(ours.seconds)} s  ${fmt(megapixels / ours.seconds)} Mpx/s  peak RSS ${fmt(ours.peakMb, 0)} MB  file ${fmt(ours.value.bytes / 1e6)} MB`,
    );
    console.log(
      `              gdal_translate -of netCDF:               ${fmt(ref.seconds)} s  ${fmt(megapixels / ref.seconds)} Mpx/s  peak RSS ${fmt(ref.peakMb, 0)} MB  file ${fmt(fs.statSync(path.join(tmp, 'gdal.nc')).size / 1e6)} MB`,
    );
    console.log(`              ratio (gdal time / ours): ${fmt(ref.seconds / ours.seconds, 2)}×`);
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`     ratios: ${fmt(sorted[0]!, 2)}–${fmt(sorted[sorted.length - 1]!, 2)}×, median ${fmt(sorted[1]!, 2)}×\n`);

  // 2. A 10,000 km² window: 100 km × 100 km in the middle of the large product.
  const win = { minX: 4_750_000, minY: 2_770_000, maxX: 4_850_000, maxY: 2_870_000 };
  const file = path.join(
    env.STORE_DIR,
    (await findGroup(db, { product: area.product, referenceYear: area.year, group: 'large' }))!.filePath,
  );
  const viaH5 = await measured(() =>
    readRasterByBounds(
      { db, storeDir: env.STORE_DIR },
      { product: area.product, referenceYear: area.year, bounds: win, via: 'h5wasm' },
    ),
  );
  const viaGdal = await measured(() =>
    readRasterByBounds(
      { db, storeDir: env.STORE_DIR },
      { product: area.product, referenceYear: area.year, bounds: win, via: 'gdal' },
    ),
  );
  const cli = gdalCliWithMemory([
    'gdal_translate',
    '-q',
    '-projwin',
    String(win.minX),
    String(win.maxY),
    String(win.maxX),
    String(win.minY),
    `NETCDF:"${file}":landcover`,
    path.join(tmp, 'window.tif'),
  ]);
  const same = Buffer.compare(Buffer.from(viaH5.value.data), Buffer.from(viaGdal.value.data)) === 0;
  console.log('  2. read a 10,000 km² window (10,000 × 10,000 px) from the same file');
  console.log(`     h5wasm hyperslab:           ${fmt(viaH5.seconds, 2)} s  peak RSS ${fmt(viaH5.peakMb, 0)} MB`);
  console.log(
    `     GDAL netCDF driver:         ${fmt(viaGdal.seconds, 2)} s  peak RSS ${fmt(viaGdal.peakMb, 0)} MB  (identical pixels: ${same})`,
  );
  console.log(`     gdal_translate -projwin:    ${fmt(cli.seconds, 2)} s  peak RSS ${fmt(cli.peakMb, 0)} MB (writes a GeoTIFF)`);
  console.log(
    `     ratios (gdal_translate / ours): h5wasm ${fmt(cli.seconds / viaH5.seconds, 2)}×, GDAL driver ${fmt(cli.seconds / viaGdal.seconds, 2)}×\n`,
  );

  // 3. Chunk shapes on a 5,000 × 5,000 subset.
  console.log('  3. chunk shape (5,000 × 5,000 px subset; write, size, read of a 2,000 × 2,000 and of 1 km² windows)');
  const sub = gdal.open(source);
  const band = sub.bands.get(1);
  const grid = { x0: area.extent.minX + 50_000, y0: area.extent.maxY - 50_000, width: 5000, height: 5000, pixelSize: 10 };
  const h5wasm = await h5();
  for (const c of [128, 256, 512, 1024]) {
    const out = path.join(tmp, `chunk-${c}.nc`);
    const w = await measured(() =>
      writeRasterCube(out, {
        grid,
        times: [new Date(Date.UTC(2021, 0, 1))],
        chunk: [c, c],
        meta: {
          product: 'bench',
          title: 'bench',
          referenceYear: 2021,
          group: 'sub',
          variable: 'landcover',
          kind: 'classes',
          source: 'bench',
          history: 'bench',
        },
        readBlock: async (_t, row, rows) => (await band.pixels.readAsync(5000, 5000 + row, 5000, rows)) as Uint8Array,
      }),
    );
    const f = new h5wasm.File(out, 'r');
    const v = f.get('landcover') as H5Dataset;
    let t0 = performance.now();
    v.slice([
      [0, 1],
      [1500, 3500],
      [1500, 3500],
    ]);
    const readS = (performance.now() - t0) / 1000;
    // 1 km² windows (100 × 100 px) at 200 pseudo-random places, as small orders read them.
    t0 = performance.now();
    for (let i = 0; i < 200; i++) {
      const r = (i * 7919) % 4900;
      const c2 = (i * 104729) % 4900;
      v.slice([
        [0, 1],
        [r, r + 100],
        [c2, c2 + 100],
      ]);
    }
    const smallMs = (performance.now() - t0) / 200;
    f.close();
    console.log(
      `     1×${c}×${c}: write ${fmt(w.seconds, 2)} s, ${fmt(fs.statSync(out).size / 1e6, 2)} MB, 2,000² window ${fmt(readS * 1000, 0)} ms, 100² window ${fmt(smallMs, 2)} ms`,
    );
  }
  sub.close();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
  await closeDb();
}
