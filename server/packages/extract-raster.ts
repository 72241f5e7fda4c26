/**
 * Cutting the raster product for an order into a COG (write-class-raster.ts), each pixel read once and written once:
 * - an AOI (cut-raster-aoi.ts): the store's windows on its 10 m grid (window snapped outward), read in strips, pixels
 *   whose centre is outside the polygon set to 255 (as gdalwarp -cutline), counted and thinned into NEAREST overviews
 *   on the way into memory, then one COG. The AOI's edges are straight in lon/lat: it is densified before it is
 *   projected (server/geo/densify.ts), as gdalwarp does with a cutline in EPSG:4326. Up to IN_PROCESS_MAX_PIXELS in
 *   this process, above in a child;
 * - a nation (warp-raster-nation.ts, in a child): the boundary densified in lon/lat, projected to EPSG:3035 and
 *   intersected there with what the store covers (the cutline stays in the store's CRS); the store window read and
 *   masked by it, warped in memory by GDAL to the nation's CRS at 10 m with target-aligned pixels (nearest) on
 *   gdalwarp's own -crop_to_cutline grid, then one COG;
 * - Europe: every group as one VRT, copied to the COG by the COG driver in a child (no resampling).
 * A cancelled order kills the child (server/geo/subprocess.ts); an AOI cut here checks the signal between strips.
 * Nothing in the area → UNPROCESSABLE "the product does not cover this area" (the order ends INVALID).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from 'gdal-async';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { densify } from '../geo/densify';
import type { PolygonalXY } from '../geo/polygon-scanlines';
import { cpuSlots } from '../geo/cpu-slots';
import { runInSubprocess } from '../geo/subprocess';
import { findGroupsIntersecting, listGroups, type GroupRow } from '../storage/find-groups';
import { gridBounds, type Bounds } from '../storage/grid';
import { cubeVariable, storeWindows, timeIndex } from '../storage/read-raster';
import { StoreError } from '../storage/store-error';
import { cutAoiToCog, notCovered } from './cut-raster-aoi';

export { notCovered };
import { countClasses, writeClassSidecars, type ClassCounts } from './write-class-raster';

export type RasterExtract = {
  file: string;
  epsg: number;
  bounds: Bounds;
  width: number;
  height: number;
  counts: ClassCounts;
  /** Where the time went (ms), for operators and the benchmark. */
  timings: Record<string, number>;
};
export type Polygonal4326 = { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown };
type Ctx = { signal: AbortSignal; progress: (pct: number) => Promise<void> };
type Deps = { db: Database; storeDir: string };

const hasClasses = (counts: ClassCounts) => Object.entries(counts).some(([v, n]) => Number(v) < 254 && n > 0);

/**
 * Up to this many pixels an AOI is cut in this process (about 1.3 bytes a pixel while it runs); above, in a child
 * process, which costs ~0.5 s to start but keeps the worker's memory flat and is killed when the order is cancelled.
 */
export const IN_PROCESS_MAX_PIXELS = 150_000_000;

/** Cuts up to this many pixels (100 km²: tens of milliseconds) need no CPU slot (server/geo/cpu-slots.ts). */
export const SMALL_CUT_PIXELS = 1_000_000;

export async function extractRasterAoi(
  deps: Deps,
  q: { productCode: string; year: number; aoi: Polygonal4326; file: string },
  ctx: Ctx,
): Promise<RasterExtract> {
  const t0 = performance.now();
  const polygon = densify(q.aoi, 3035).projected as PolygonalXY;
  let plan;
  try {
    plan = await storeWindows(deps, { product: q.productCode, referenceYear: q.year, polygon });
  } catch (e) {
    if (e instanceof StoreError && e.reason === 'OUT_OF_BOUNDS') throw notCovered();
    throw e;
  }
  const t1 = performance.now();
  const input = { file: q.file, grid: plan.grid, polygon, sources: plan.sources };
  const onProgress = (f: number) => void ctx.progress(5 + f * 90);
  const pixels = plan.grid.width * plan.grid.height;
  const inChild = pixels > IN_PROCESS_MAX_PIXELS;
  const cut = inChild
    ? await runInSubprocess('aoiCog', input, { signal: ctx.signal, onProgress })
    : pixels > SMALL_CUT_PIXELS
      ? await cpuSlots.run(() => cutAoiToCog(input, onProgress, ctx.signal), ctx.signal)
      : await cutAoiToCog(input, onProgress, ctx.signal);
  return {
    file: q.file,
    epsg: 3035,
    bounds: gridBounds(plan.grid),
    width: plan.grid.width,
    height: plan.grid.height,
    counts: cut.counts,
    timings: { plan: t1 - t0, ...cut.timings, ...(inChild ? { inChildTotal: performance.now() - t1 } : {}) },
  };
}

/** One VRT over the groups' netCDF variables (the latest time step of each). */
async function groupsVrt(deps: Deps, groups: GroupRow[], dir: string): Promise<string> {
  const sources: string[] = [];
  for (const g of groups) {
    const file = path.resolve(deps.storeDir, g.filePath);
    const band = (await timeIndex(file)).index + 1;
    const variable = await cubeVariable(file);
    const vrt = path.join(dir, `${g.groupName}.vrt`);
    const ds = await gdal.translateAsync(vrt, gdal.open(`NETCDF:"${file}":${variable}`), [
      '-of',
      'VRT',
      '-b',
      String(band),
      '-a_srs',
      'EPSG:3035',
      '-a_nodata',
      '255',
    ]);
    ds.close();
    sources.push(vrt);
  }
  const out = path.join(dir, 'store.vrt');
  // Simple sources (the source nodata is not re-checked per pixel; the warp and the counts handle 255): ingest
  // refuses overlapping units, so no group hides another's pixels. About 20 % faster to warp than complex sources.
  const vrt = await gdal.buildVRTAsync(out, sources, ['-srcnodata', 'None', '-vrtnodata', '255']);
  vrt.close();
  return out;
}

/** Pixel counts of a class raster, read in strips (and the abort signal checked between them). */
async function countByStrips(ds: Dataset, signal: AbortSignal): Promise<ClassCounts> {
  const band = ds.bands.get(1);
  const { x: width, y: height } = ds.rasterSize;
  const rows = Math.max(1, Math.floor(16_000_000 / width));
  const total: ClassCounts = {};
  for (let row = 0; row < height; row += rows) {
    signal.throwIfAborted();
    const h = Math.min(rows, height - row);
    const data = (await band.pixels.readAsync(0, row, width, h)) as Uint8Array;
    for (const [v, n] of Object.entries(countClasses(data))) total[Number(v)] = (total[Number(v)] ?? 0) + n;
  }
  return total;
}

const extentOf = (ds: Dataset): Bounds => {
  const [x0, px, , y0, , py] = ds.geoTransform!;
  const { x, y } = ds.rasterSize;
  return { minX: x0!, maxY: y0!, maxX: x0! + x * px!, minY: y0! + y * py! };
};

/**
 * A class raster file (VRT or warped GeoTIFF) to the COG: written by a child process so that a cancelled order stops
 * at once (see server/geo/subprocess.ts), while this process counts the classes in strips for the attribute table.
 */
async function finishCog(src: string, file: string, epsg: number, ctx: Ctx, from: number): Promise<RasterExtract> {
  const t1 = performance.now();
  const stopCog = new AbortController();
  const writing = runInSubprocess(
    'classCog',
    { src, file },
    {
      signal: AbortSignal.any([ctx.signal, stopCog.signal]),
      onProgress: (f) => void ctx.progress(from + f * (90 - from)),
    },
  );
  const ds = gdal.open(src);
  let counts: ClassCounts, bounds: Bounds, width: number, height: number;
  try {
    ({ x: width, y: height } = ds.rasterSize);
    bounds = extentOf(ds);
    counts = await countByStrips(ds, ctx.signal);
    if (!hasClasses(counts)) throw notCovered();
  } catch (e) {
    stopCog.abort(e);
    await writing.catch(() => {});
    throw e;
  } finally {
    ds.close();
  }
  const t2 = performance.now();
  await writing;
  await writeClassSidecars(file, counts);
  const timings = { countWhileCogWrites: t2 - t1, cogAndSidecars: performance.now() - t1 };
  return { file, epsg, bounds, width, height, counts, timings };
}

/**
 * Source pixels up to which a nation is warped in memory (warp-raster-nation.ts: ≈ 1.3 GB peak in the child at this
 * size). Austria ∩ the large demo store is 272 Mpx; a whole large nation is billions and goes through a file.
 */
export const NATION_IN_MEMORY_MAX_PIXELS = 400_000_000;

/** A nation: the store cut to the boundary and warped to the nation's CRS (10 m, aligned pixels). */
export async function extractRasterNation(
  deps: Deps,
  q: {
    productCode: string;
    year: number;
    boundary: Polygonal4326;
    epsg: number;
    file: string;
    workDir: string;
    inMemoryMaxPixels?: number;
  },
  ctx: Ctx,
): Promise<RasterExtract> {
  const t0 = performance.now();
  const boundary3035 = densify(q.boundary, 3035).projected;
  const groups = await findGroupsIntersecting(deps.db, { product: q.productCode, referenceYear: q.year, geometry: boundary3035 });
  if (!groups.length) throw notCovered();
  // The cutline: the boundary where the store has groups (so the output is not mostly empty).
  const [cut] = await deps.db.$client<{ geojson: string | null }[]>`
    select ST_AsGeoJSON(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(boundary3035)}), 3035),
      (select ST_Union(extent) from store_groups where id = any(${groups.map((g) => g.id)}))), 3) as geojson`;
  if (!cut?.geojson) throw notCovered();
  const cutline = path.join(q.workDir, 'cutline.geojson');
  fs.writeFileSync(
    cutline,
    JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3035' } },
      features: [{ type: 'Feature', properties: {}, geometry: JSON.parse(cut.geojson) as unknown }],
    }),
  );
  const tCut = performance.now();
  const vrt = await groupsVrt(deps, groups, q.workDir);
  const cutline3035 = JSON.parse(cut.geojson) as PolygonalXY;
  const plan = await storeWindows(deps, { product: q.productCode, referenceYear: q.year, polygon: cutline3035 });
  await ctx.progress(10);
  ctx.signal.throwIfAborted();
  const tPlan = performance.now();
  // In memory the warp holds the source window and the output (≈ 2.7 bytes a source pixel): beyond this, GDAL warps
  // to a tiled file in bounded memory and the COG is written from it (slower, any size).
  if (plan.grid.width * plan.grid.height > (q.inMemoryMaxPixels ?? NATION_IN_MEMORY_MAX_PIXELS)) {
    const warped = path.join(q.workDir, 'warped.tif');
    await runInSubprocess(
      'warp',
      {
        dst: warped,
        sources: [vrt],
        args: [
          ...['-of', 'GTiff', '-t_srs', `EPSG:${q.epsg}`, '-tr', '10', '10', '-tap', '-r', 'near'],
          ...['-cutline', cutline, '-crop_to_cutline', '-srcnodata', '255', '-dstnodata', '255', '-ot', 'Byte'],
          // The intermediate file: ZSTD level 1 costs ~0.3 s where DEFLATE costs ~3 s per 270 Mpx, and stays small.
          ...['-co', 'TILED=YES', '-co', 'COMPRESS=ZSTD', '-co', 'ZSTD_LEVEL=1', '-co', 'BIGTIFF=IF_SAFER'],
          ...['-wo', 'NUM_THREADS=ALL_CPUS', '-wm', '512'],
        ],
      },
      { signal: ctx.signal, onProgress: (f) => void ctx.progress(10 + f * 40) },
    );
    const tWarp = performance.now();
    const out = await finishCog(warped, q.file, q.epsg, ctx, 50);
    return {
      ...out,
      timings: { groupsAndCutline: tCut - t0, vrtAndWindows: tPlan - tCut, warpToFile: tWarp - tPlan, ...out.timings },
    };
  }
  const r = await runInSubprocess(
    'nationCog',
    {
      file: q.file,
      epsg: q.epsg,
      storeVrt: vrt,
      cutlineFile: cutline,
      cutline: cutline3035,
      grid: plan.grid,
      sources: plan.sources,
    },
    { signal: ctx.signal, onProgress: (f) => void ctx.progress(10 + f * 85) },
  );
  const [x0, px, , y0, , py] = r.geoTransform;
  const bounds = { minX: x0!, maxY: y0!, maxX: x0! + r.width * px!, minY: y0! + r.height * py! };
  return {
    file: q.file,
    epsg: q.epsg,
    bounds,
    width: r.width,
    height: r.height,
    counts: r.counts,
    timings: { groupsAndCutline: tCut - t0, vrtAndWindows: tPlan - tCut, ...r.timings, inChildTotal: performance.now() - tPlan },
  };
}

/** Europe: every group of the product in one COG (EPSG:3035, the store's own grid). */
export async function extractRasterEurope(
  deps: Deps,
  q: { productCode: string; year: number; file: string; workDir: string },
  ctx: Ctx,
): Promise<RasterExtract> {
  const t0 = performance.now();
  const groups = await listGroups(deps.db, { product: q.productCode, referenceYear: q.year });
  if (!groups.length) throw notCovered();
  const vrt = await groupsVrt(deps, groups, q.workDir);
  const tVrt = performance.now();
  const out = await finishCog(vrt, q.file, 3035, ctx, 5);
  return { ...out, timings: { groupsAndVrt: tVrt - t0, ...out.timings } };
}
