/**
 * Cutting the vector product for an order into a GeoPackage: the polygons intersecting the area (an AOI, a nation's
 * boundary, or everything for Europe), clipped exactly to it with GEOS, only polygonal parts kept (touching
 * boundaries give lines and points), invalid results repaired, attributes kept as stored. One layer named after
 * the product and year, with a spatial index (R-tree), in EPSG:3035 or reprojected to the nation's CRS. The area's
 * edges are straight in lon/lat: it is densified before it is projected to EPSG:3035 (server/geo/densify.ts).
 *
 * The features stay inside GDAL from store to package: each group is read through its GeoPackage copy's R-tree by
 * the area's bounding box (vector-sidecar.ts; the netCDF files read ~10× slower and without an index), clipped as
 * GDAL geometries (never converted to GeoJSON and back) into an in-memory layer, and written (and reprojected) by
 * GDAL off the event loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset, Geometry, Layer, MultiPolygon } from 'gdal-async';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { areaPieces } from '../geo/area-pieces';
import { cpuSlots } from '../geo/cpu-slots';
import { densify } from '../geo/densify';
import { boundsToPolygon, type Bounds } from '../storage/grid';
import { findGroupsIntersecting, listGroups, type GroupRow } from '../storage/find-groups';
import { openVectorGroup, type GroupSource } from '../storage/vector-sidecar';
import { notCovered, type Polygonal4326 } from './extract-raster';

export type VectorExtract = {
  file: string;
  layer: string;
  epsg: number;
  bounds: Bounds;
  features: number;
  /** Where the time went (ms). */
  timings: Record<string, number>;
};
type Ctx = { signal: AbortSignal; progress: (pct: number) => Promise<void> };
type Deps = { db: Database; storeDir: string };

export const vectorLayerName = (productCode: string, year: number) => `${productCode}_${year}`;

/** The polygons of a clip result (an intersection may add lines and points where edges touch) as one MultiPolygon. */
function polygonalPart(g: Geometry, into: MultiPolygon = new gdal.MultiPolygon()): MultiPolygon {
  if (g instanceof gdal.Polygon) into.children.add(g);
  else if (g instanceof gdal.GeometryCollection)
    for (let i = 0; i < g.children.count(); i++) polygonalPart(g.children.get(i), into);
  return into;
}

/** The output's fields: every field of every group, in the order first met (groups may have gained fields by updates). */
function addFields(out: Layer, sources: GroupSource[]) {
  const seen = new Set<string>();
  for (const s of sources)
    for (const d of s.layer.fields) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      out.fields.add(new gdal.FieldDefn(d.name, d.type));
    }
}

/**
 * Features of the groups clipped to an area (EPSG:3035) into `out`; all features when no area. Progress 0–50 %.
 * Returns how many were kept and the time spent reading and clipping (ms).
 */
async function clipInto(
  out: Layer,
  groups: { row: GroupRow; source: GroupSource }[],
  area: { geometry: Geometry; box: Bounds } | undefined,
  ctx: Ctx,
): Promise<{ features: number; readMs: number; clipMs: number; piecesMs: number }> {
  let t = performance.now();
  // Candidates come by the area's bounding box (the R-tree); the exact test is the clip, against small pieces.
  const pieces = area ? areaPieces(area.geometry) : undefined;
  const piecesMs = performance.now() - t;
  let kept = 0;
  let readMs = 0;
  let clipMs = 0;
  for (const [gi, { row, source }] of groups.entries()) {
    ctx.signal.throwIfAborted();
    await ctx.progress((gi / groups.length) * 50);
    const layer = source.layer;
    if (area) layer.setSpatialFilter(area.box.minX, area.box.minY, area.box.maxX, area.box.maxY);
    const expected = Math.max(1, row.featureCount ?? 1);
    let i = 0;
    t = performance.now();
    for (let f = layer.features.first(); f; f = layer.features.next()) {
      if (++i % 500 === 0) {
        ctx.signal.throwIfAborted();
        await ctx.progress(((gi + Math.min(1, i / expected)) / groups.length) * 50);
      }
      const g = f.getGeometry();
      const t1 = performance.now();
      readMs += t1 - t;
      t = t1;
      if (!g || g.isEmpty()) continue;
      let part: Geometry = g;
      if (pieces) {
        let clipped = pieces.clip(g);
        // A feature returned whole is as stored, and the store holds valid geometries only (checked on ingestion and
        // upsert): GEOS's validity test (≈ 0.4 ms on these staircase polygons) is for the cut ones.
        if (clipped && clipped !== g && !clipped.isValid()) clipped = clipped.makeValid();
        const polygons = clipped ? polygonalPart(clipped) : null;
        const t2 = performance.now();
        clipMs += t2 - t;
        t = t2;
        if (!polygons || polygons.children.count() === 0) continue;
        part = polygons;
      }
      const feature = new gdal.Feature(out);
      feature.setFrom(f); // attributes by name (unset stays unset)
      feature.setGeometry(part);
      out.features.add(feature);
      kept++;
    }
    readMs += performance.now() - t;
  }
  return { features: kept, readMs, clipMs, piecesMs };
}

/** Writes the in-memory layer (EPSG:3035) to a GeoPackage layer, reprojected to `epsg` (GDAL, off the event loop). */
async function writeGpkg(file: string, layerName: string, mem: Dataset, epsg: number, ctx: Ctx) {
  ctx.signal.throwIfAborted();
  fs.rmSync(file, { force: true });
  const out = await gdal.vectorTranslateAsync(file, mem, [
    ...['-f', 'GPKG', '-nln', layerName, '-nlt', 'MULTIPOLYGON', '-t_srs', `EPSG:${epsg}`],
    ...[
      '-lco',
      'SPATIAL_INDEX=YES',
      '-lco',
      'GEOMETRY_NAME=geom',
      '-lco',
      `DESCRIPTION=CLC+ Backbone ${layerName}`,
      '-gt',
      '65536',
    ],
  ]);
  const e = out.layers.get(0).getExtent();
  out.close();
  return { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY };
}

export async function extractVector(
  deps: Deps,
  q: { productCode: string; year: number; area4326?: Polygonal4326; epsg: number; file: string },
  ctx: Ctx,
): Promise<VectorExtract> {
  const t0 = performance.now();
  let area: { geometry: Geometry; box: Bounds } | undefined;
  if (q.area4326) {
    const geometry = gdal.Geometry.fromGeoJson(densify(q.area4326, 3035).projected);
    const e = geometry.getEnvelope();
    area = { geometry, box: { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY } };
  }
  // A nation, Europe or an area above 100 km² is heavy work: it waits for a CPU slot (server/geo/cpu-slots.ts).
  const heavy = !area || (area.box.maxX - area.box.minX) * (area.box.maxY - area.box.minY) > HEAVY_AREA_M2;
  const work = () => clipToGpkg(deps, q, area, ctx, t0);
  return heavy ? cpuSlots.run(work, ctx.signal) : work();
}

const HEAVY_AREA_M2 = 100e6;

async function clipToGpkg(
  deps: Deps,
  q: { productCode: string; year: number; epsg: number; file: string },
  area: { geometry: Geometry; box: Bounds } | undefined,
  ctx: Ctx,
  t0: number,
): Promise<VectorExtract> {
  const ref = { product: q.productCode, referenceYear: q.year };
  const rows = area
    ? await findGroupsIntersecting(deps.db, { ...ref, geometry: boundsToPolygon(area.box) })
    : await listGroups(deps.db, ref);
  if (!rows.length) throw notCovered();
  const tOpen = performance.now();
  const groups: { row: GroupRow; source: GroupSource }[] = [];
  const mem = gdal.open('features', 'w', 'Memory');
  try {
    for (const row of rows) {
      ctx.signal.throwIfAborted();
      groups.push({ row, source: await openVectorGroup(path.join(deps.storeDir, row.filePath), row.sha256) });
    }
    const tClip = performance.now();
    const layerName = vectorLayerName(q.productCode, q.year);
    const out = mem.layers.create(layerName, gdal.SpatialReference.fromEPSG(3035), gdal.wkbMultiPolygon);
    addFields(
      out,
      groups.map((g) => g.source),
    );
    const cut = await clipInto(out, groups, area, ctx);
    for (const g of groups) g.source.ds.close();
    groups.length = 0;
    if (!cut.features) throw notCovered();
    await ctx.progress(60);
    const tWrite = performance.now();
    try {
      const bounds = await writeGpkg(q.file, layerName, mem, q.epsg, ctx);
      await ctx.progress(95);
      const timings = {
        open: tClip - tOpen,
        areaPieces: cut.piecesMs,
        read: cut.readMs,
        clip: cut.clipMs,
        writeGpkg: performance.now() - tWrite,
        other: tOpen - t0,
      };
      return { file: q.file, layer: layerName, epsg: q.epsg, bounds, features: cut.features, timings };
    } catch (e) {
      fs.rmSync(q.file, { force: true });
      throw e;
    }
  } finally {
    for (const g of groups) g.source.ds.close();
    mem.close();
  }
}
