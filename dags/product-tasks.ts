/**
 * The tasks the three product workflows share (get_product, get_national_product, get_product_europe):
 * `extract` cuts the data (with its attribute-table files) into the order's work folder and describes it, `package`
 * zips it with the styles, legend and metadata made from that description and publishes it, and the teardown removes
 * the work folder whatever happened. Each task starts from a clean state, so a retry after a
 * crash redoes its work instead of trusting half-written files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DagServices, TaskContext, TaskDefinition } from './define-dag';
import { POLICIES } from './define-dag';
import { densify } from '~/server/geo/densify';
import { extent4326 } from '~/server/geo/reproject';
import type { PackageDescription } from '~/server/packages/describe-package';
import type { Bounds } from '~/server/storage/grid';
import {
  packageName,
  publishPackage,
  sidecarFiles,
  zipFolder,
  type PackageScope,
  type PublishedPackage,
} from '~/server/packages/build-package';
import { extractRasterAoi, extractRasterEurope, extractRasterNation, type Polygonal4326 } from '~/server/packages/extract-raster';
import { extractVector } from '~/server/packages/extract-vector';
import type { ProductRef } from '~/server/orders/order-params';

/** What to cut: an AOI, a nation (boundary and CRS), or the whole store. */
export type Area =
  | { kind: 'aoi'; aoi: Polygonal4326; label: string }
  | { kind: 'nation'; name: string; fileCode: string; epsg: number; boundary: Polygonal4326 }
  | { kind: 'europe' };

/** What `extract` hands to `package` (a BullMQ job result: JSON, so `created` is a string there). */
export type Extracted = {
  name: string;
  dir: string;
  dataFile: string;
  description: Omit<PackageDescription, 'created'> & { created: string };
  timings: Record<string, number>;
};

const workDirOf = (s: DagServices, orderId: string) => path.join(s.workDir, orderId);

/**
 * The AOI for the package, densified (server/geo/densify.ts): its edges are straight in lon/lat, and a GIS drawing the
 * file in EPSG:3035 (QGIS with the COG) joins vertices with straight lines there, so the outline follows the cut.
 */
const aoiGeoJson = (aoi: Polygonal4326, orderId: string) =>
  JSON.stringify({ type: 'Feature', properties: { order_id: orderId }, geometry: densify(aoi, 3035).geometry4326 }) + '\n';

export function extractTask<P extends ProductRef>(areaOf: (ctx: TaskContext<P>) => Promise<Area>): TaskDefinition<P> {
  return {
    weight: 8,
    retry: POLICIES.geo,
    run: async (ctx): Promise<Extracted> => {
      const { params: p, services: s, orderId } = ctx;
      const area = await areaOf(ctx);
      const epsg = area.kind === 'nation' ? area.epsg : 3035;
      const scope: PackageScope =
        area.kind === 'aoi'
          ? { kind: 'aoi', orderId }
          : area.kind === 'nation'
            ? { kind: 'nation', fileCode: area.fileCode }
            : { kind: 'europe' };
      const name = packageName({ kind: p.product, year: p.year, version: p.version, epsg, scope });
      const work = workDirOf(s, orderId);
      const dir = path.join(work, name);
      await fs.promises.rm(work, { recursive: true, force: true });
      await fs.promises.mkdir(dir, { recursive: true });
      const deps = { db: s.db, storeDir: s.storeDir };
      const ref = { productCode: p.productCode, year: p.year };
      const run = { signal: ctx.signal, progress: ctx.progress };
      const dataFile = `${name}.${p.product === 'raster' ? 'tif' : 'gpkg'}`;
      const file = path.join(dir, dataFile);
      // What the extract adds to the description: the grid and class counts, or the feature count.
      let cut: { bounds: Bounds; timings: Record<string, number> };
      let details: Pick<PackageDescription, 'width' | 'height' | 'counts' | 'features'>;
      if (p.product === 'raster') {
        const r =
          area.kind === 'aoi'
            ? await extractRasterAoi(deps, { ...ref, aoi: area.aoi, file }, run)
            : area.kind === 'nation'
              ? await extractRasterNation(deps, { ...ref, boundary: area.boundary, epsg, file, workDir: work }, run)
              : await extractRasterEurope(deps, { ...ref, file, workDir: work }, run);
        cut = r;
        details = { width: r.width, height: r.height, counts: r.counts };
      } else {
        const area4326 = area.kind === 'aoi' ? area.aoi : area.kind === 'nation' ? area.boundary : undefined;
        const v = await extractVector(deps, { ...ref, area4326, epsg, file }, run);
        cut = v;
        details = { features: v.features };
      }
      const b = cut.bounds;
      const description = {
        name,
        kind: p.product,
        orderId,
        productCode: p.productCode,
        year: p.year,
        version: p.version,
        epsg,
        created: s.now().toISOString(),
        dataFile,
        bbox: [b.minX, b.minY, b.maxX, b.maxY] as [number, number, number, number],
        bbox4326: extent4326(b, epsg),
        area: area.kind === 'aoi' ? area.label : area.kind === 'nation' ? area.name : 'Europe',
        ...(area.kind === 'aoi' ? { footprint: area.aoi } : {}),
        ...details,
      };
      await ctx.progress(100);
      const ms = Object.fromEntries(Object.entries(cut.timings).map(([k, v]) => [k, Math.round(v)]));
      return { name, dir, dataFile, description, timings: ms };
    },
  };
}

export function packageTask<P extends ProductRef>(
  opts: { reuseKey?: (ctx: TaskContext<P>) => Promise<string> } = {},
): TaskDefinition<P> {
  return {
    needs: ['extract'],
    weight: 2,
    retry: POLICIES.geo,
    run: async (ctx): Promise<PublishedPackage> => {
      const e = ctx.inputs.extract as Extracted;
      const s = ctx.services;
      const zipFile = path.join(workDirOf(s, ctx.orderId), `${e.name}.zip`);
      const d = { ...e.description, created: new Date(e.description.created) };
      const aoi = d.footprint ? { [`${e.name}_aoi.geojson`]: aoiGeoJson(d.footprint as Polygonal4326, ctx.orderId) } : {};
      const files = sidecarFiles(d, aoi);
      const { bytes, sha256 } = await zipFolder(e.dir, zipFile, e.name, { mtime: s.now(), signal: ctx.signal, files });
      return publishPackage(
        { db: s.db, results: s.results, now: s.now, ttlHours: s.packageTtlHours },
        { orderId: ctx.orderId, zipFile, fileName: `${e.name}.zip`, bytes, sha256, reuseKey: await opts.reuseKey?.(ctx) },
      );
    },
  };
}

/** The teardown of every product workflow: the work folder goes, whatever happened. */
export const cleanupTeardown = {
  run: async (ctx: TaskContext<unknown>) => {
    await fs.promises.rm(workDirOf(ctx.services, ctx.orderId), { recursive: true, force: true });
  },
};
