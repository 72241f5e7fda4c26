/**
 * Cutting the vector product for an order into a GeoPackage: the polygons intersecting the area (an AOI, a nation's
 * boundary, or everything for Europe), clipped exactly to it with GEOS, only polygonal parts kept (touching
 * boundaries give lines and points), invalid results repaired, attributes kept as stored. One layer named after
 * the product and year, with a spatial index (R-tree), in EPSG:3035 or reprojected to the nation's CRS. The area's
 * edges are straight in lon/lat: it is densified before it is projected to EPSG:3035 (server/geo/densify.ts).
 */
import fs from 'node:fs';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { areaPieces } from '../geo/area-pieces';
import { densify } from '../geo/densify';
import { polygonalPart, type GeoJsonGeometry } from '../geo/reproject';
import { boundsToPolygon, type Bounds } from '../storage/grid';
import { StoreError } from '../storage/store-error';
import { listGroups } from '../storage/find-groups';
import { readVectorByBounds, readVectorByGroup, type VectorFeature } from '../storage/vector-store';
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

/** Features of the store clipped to an area (EPSG:3035); all features when no area. */
async function clippedFeatures(
  deps: Deps,
  q: { productCode: string; year: number; area3035?: GeoJsonGeometry },
  ctx: Ctx,
): Promise<{ features: VectorFeature[]; readMs: number }> {
  const t0 = performance.now();
  let features: VectorFeature[];
  try {
    if (q.area3035) {
      // Candidates by the area's bounding box (a 5-point test); the exact test is the clip below, on small pieces.
      const e = gdal.Geometry.fromGeoJson(q.area3035).getEnvelope();
      features = await readVectorByBounds(deps, {
        product: q.productCode,
        referenceYear: q.year,
        area: boundsToPolygon({ minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY }),
        relation: 'intersects',
      });
    } else {
      features = [];
      for (const g of await listGroups(deps.db, { product: q.productCode, referenceYear: q.year })) {
        ctx.signal.throwIfAborted();
        features.push(...(await readVectorByGroup(deps, { product: q.productCode, referenceYear: q.year, group: g.groupName })));
      }
    }
  } catch (e) {
    if (e instanceof StoreError && e.storeReason === 'OUT_OF_BOUNDS') throw notCovered();
    throw e;
  }
  const readMs = performance.now() - t0;
  if (!q.area3035) return { features, readMs };
  const area = areaPieces(gdal.Geometry.fromGeoJson(q.area3035));
  const out: VectorFeature[] = [];
  for (let i = 0; i < features.length; i++) {
    if (i % 500 === 0) {
      ctx.signal.throwIfAborted();
      await ctx.progress((i / features.length) * 50);
    }
    const f = features[i]!;
    const g = gdal.Geometry.fromGeoJson(f.geometry);
    let clipped = area.clip(g);
    if (!clipped) continue;
    if (!clipped.isValid()) clipped = clipped.makeValid();
    const part = polygonalPart(clipped.toObject() as GeoJsonGeometry);
    if (!part) continue;
    out.push({ ...f, geometry: part as VectorFeature['geometry'] });
  }
  return { features: out, readMs };
}

/** Writes features (EPSG:3035) to a GeoPackage layer, reprojected to `epsg`. */
async function writeGpkg(file: string, layerName: string, features: VectorFeature[], epsg: number, ctx: Ctx) {
  const mem = gdal.open('features', 'w', 'Memory');
  const layer = mem.layers.create(layerName, gdal.SpatialReference.fromEPSG(3035), gdal.wkbMultiPolygon);
  const first = features[0]?.properties ?? {};
  for (const [name, v] of Object.entries(first)) {
    const type =
      typeof v === 'number' ? (Number.isInteger(v) && name !== 'area_m2' ? gdal.OFTInteger : gdal.OFTReal) : gdal.OFTString;
    layer.fields.add(new gdal.FieldDefn(name, type));
  }
  for (const f of features) {
    const feature = new gdal.Feature(layer);
    feature.setGeometry(gdal.Geometry.fromGeoJson(f.geometry));
    for (const [k, v] of Object.entries(f.properties)) if (v !== null && k in first) feature.fields.set(k, v);
    layer.features.add(feature);
  }
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
  mem.close();
  return { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY };
}

export async function extractVector(
  deps: Deps,
  q: { productCode: string; year: number; area4326?: Polygonal4326; epsg: number; file: string },
  ctx: Ctx,
): Promise<VectorExtract> {
  const t0 = performance.now();
  const area3035 = q.area4326 ? densify(q.area4326, 3035).projected : undefined;
  const { features, readMs } = await clippedFeatures(deps, { productCode: q.productCode, year: q.year, area3035 }, ctx);
  const t1 = performance.now();
  if (!features.length) throw notCovered();
  await ctx.progress(60);
  const layer = vectorLayerName(q.productCode, q.year);
  const bounds = await writeGpkg(q.file, layer, features, q.epsg, ctx);
  await ctx.progress(95);
  const timings = { read: readMs, clip: t1 - t0 - readMs, writeGpkg: performance.now() - t1 };
  return { file: q.file, layer, epsg: q.epsg, bounds, features: features.length, timings };
}
