/**
 * `npm run bench:attribution` — vector class attribution (S15) on one sub-production unit of the demo store
 * (SPU_E477N279: 3 × 3 units, 30 km × 30 km, 9 Mpx, the product polygons of its nine units), in one run against
 * GDAL's own rasterizer with numpy (Debian's Python, test/python/class_attribution.py) on the same files:
 *   1. ours: attributePolygons (server/attribution) with the nine GeoTIFFs and the polygons' GeoPackage;
 *   2. gdal_rasterize + numpy, each polygon rasterized on its own (what overlapping polygons need, and what ours does);
 *   3. gdal_rasterize + numpy, the whole layer burnt once as an index raster, one bincount: the floor for polygons
 *      that do not overlap (a product's polygons);
 *   4. ours with the product store's own layers (no files).
 * Three rounds, interleaved; medians and ratios printed. The counts of 1–3 are compared: a benchmark of a wrong
 * answer is worthless.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { closeDb, getDb } from '~/db/client';
import { attributePolygons } from '~/server/attribution/attribute-polygons';
import { env } from '~/server/env.js';
import { vectorClassAttributionParams } from '~/server/services/params/attribution';
import { parseSourceRoots } from '~/server/storage/source-path';
import { fmt, stats } from './lib';

const SPU = 'SPU_E477N279';
const PY = '/usr/bin/python3';
const rounds = Number(process.argv[2] ?? 3);
const db = await getDb();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-bench-attr-'));
const demo = path.join('.data', 'demo', 'demo');
const units = fs
  .readdirSync(path.join(demo, 'raster'))
  .map((f) => /_(10kmE47[789]N2(79|80|81))_/.exec(f)?.[1])
  .filter((u): u is string => !!u);
if (units.length !== 9) throw new Error(`expected the 9 demo units of ${SPU} in ${demo} (run npm start once)`);
const rasters = units.map((u) => path.resolve(demo, 'raster', `CLMS_CLCplus_RASTER_2021_010m_${u}_03035_V1_1.tif`));
const vector = path.join(tmp, 'polygons.gpkg');
units.forEach((u, i) =>
  execFileSync('ogr2ogr', [
    ...(i ? ['-append', '-update'] : ['-f', 'GPKG']),
    ...[vector, path.resolve(demo, 'vector', `CLMS_CLCplus_VECTOR_2021_${u}_03035_V1_1.gpkg`), '-nln', 'polygons'],
    ...['-dialect', 'sqlite', '-sql', `SELECT '${u}:' || ROWID AS pid, geom FROM clcplus`],
  ]),
);
const deps = {
  db,
  storeDir: path.resolve(env.STORE_DIR),
  products: { raster: env.RASTER_PRODUCT, vector: env.VECTOR_PRODUCT },
  sourceRoots: parseSourceRoots(['/', tmp].join(',')),
};
const allValues = {
  method_params: Array.from({ length: 256 }, (_, v) => v),
  col_names: Array.from({ length: 256 }, (_, v) => `v${v}`),
};

type Counts = Record<string, Record<string, number>>;

async function ours(files: boolean): Promise<{ seconds: number; counts: Counts }> {
  const dir = fs.mkdtempSync(path.join(tmp, 'ours-'));
  const p = vectorClassAttributionParams.parse({
    subproduction_unit_name: SPU,
    reference_year: 2021,
    method: 'absolute_count',
    ...(files ? { ...allValues, vector, raster: rasters, id_column: 'pid' } : {}),
  });
  const t0 = performance.now();
  await attributePolygons(deps, p, { dir, baseName: 'a' });
  const seconds = (performance.now() - t0) / 1000;
  const counts: Counts = {};
  if (files)
    for (const r of parse(fs.readFileSync(path.join(dir, 'a.csv')), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[]) {
      const c: Record<string, number> = {};
      for (let v = 0; v < 256; v++) if (Number(r[`v${v}`]) > 0) c[String(v)] = Number(r[`v${v}`]);
      if (Number(r.excluded_pixels) > 0) c['255'] = Number(r.excluded_pixels);
      counts[r.pid!] = c;
    }
  return { seconds, counts };
}

function python(burnFid: boolean): { seconds: number; counts: Counts } {
  const t0 = performance.now();
  const out = execFileSync(
    PY,
    [path.resolve('test/python/class_attribution.py'), ...(burnFid ? ['--burn-fid'] : []), vector, 'pid', ...rasters],
    { maxBuffer: 1 << 28 },
  );
  return { seconds: (performance.now() - t0) / 1000, counts: JSON.parse(out.toString()) as Counts };
}

const sameCounts = (a: Counts, b: Counts) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

const times: Record<string, number[]> = { ours: [], perPolygon: [], burnFid: [], store: [], pythonStart: [] };
let polygons = 0;
for (let r = 0; r < rounds; r++) {
  process.stderr.write(`round ${r + 1}/${rounds}…\n`);
  const a = await ours(true);
  const b = python(false);
  const c = python(true);
  const d = await ours(false);
  const t0 = performance.now();
  execFileSync(PY, ['-c', 'from osgeo import gdal, ogr; import numpy, json']);
  times.pythonStart!.push((performance.now() - t0) / 1000);
  if (!sameCounts(a.counts, b.counts) || !sameCounts(a.counts, c.counts))
    throw new Error('the counts differ between ours and GDAL + numpy');
  polygons = Object.keys(a.counts).length;
  times.ours!.push(a.seconds);
  times.perPolygon!.push(b.seconds);
  times.burnFid!.push(c.seconds);
  times.store!.push(d.seconds);
}
const med = (k: string) => stats(times[k]!).p50;
console.log(
  `\nVector class attribution, ${SPU} (9 Mpx, ${polygons} polygons), median of ${rounds} rounds; counts identical in every round`,
);
console.log(`  ours (GeoTIFFs + GeoPackage)                  ${fmt(med('ours'), 2)} s`);
console.log(
  `  gdal_rasterize + numpy, polygon by polygon     ${fmt(med('perPolygon'), 2)} s   ours is ${fmt(med('perPolygon') / med('ours'), 2)}× as fast`,
);
console.log(
  `  gdal_rasterize + numpy, one index raster       ${fmt(med('burnFid'), 2)} s   ours is ${fmt(med('burnFid') / med('ours'), 2)}× as fast`,
);
console.log(`  ours (product store's own layers)             ${fmt(med('store'), 2)} s`);
console.log(
  `  (Python's start with GDAL and numpy: ${fmt(med('pythonStart'), 2)} s of each Python time; ours runs in the warm worker)`,
);
fs.rmSync(tmp, { recursive: true, force: true });
await closeDb();
