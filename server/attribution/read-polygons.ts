/**
 * The polygons an attribution counts under: those of a vector source (any OGR format and CRS) or of the product
 * store's vector layer of a year that intersect the sub-production unit, each whole (not clipped), with its id, in
 * the raster's CRS. Geometries are reprojected vertex by vertex (edges stay straight in the raster's CRS, as
 * gdal_rasterize does) and read from WKB (wkb-polygons.ts), exact to the bit.
 */
import path from 'node:path';
import type { Geometry, Layer, SpatialReference } from 'gdal-async';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { polygonalFromWkb } from '../geo/wkb-polygons';
import { findGroupsIntersecting } from '../storage/find-groups';
import { STORE_EPSG } from '../storage/grid';
import { StoreError } from '../storage/store-error';
import { openVectorGroup } from '../storage/vector-sidecar';
import type { CountedPolygon } from './count-classes';

export type AttributedPolygon = CountedPolygon & { id: string | number; minX: number; maxX: number };

export type PolygonSet = { label: string; idColumn: string; polygons: AttributedPolygon[] };

const POLYGONAL = new Set(['POLYGON', 'MULTIPOLYGON']);

type Box = { minX: number; minY: number; maxX: number; maxY: number; isBox: boolean };

/** The area's envelope, and whether the area is that rectangle (a unit of the grid usually is). */
function boxOf(area: Geometry): Box {
  const e = area.getEnvelope();
  const envArea = (e.maxX - e.minX) * (e.maxY - e.minY);
  const surface = (area as unknown as { getArea(): number }).getArea();
  return { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY, isBox: Math.abs(surface - envArea) <= 1e-9 * envArea };
}

/** GEOS's intersects, skipped when the envelopes decide it (most polygons lie inside a rectangular unit). */
function intersects(g: Geometry, area: Geometry, box: Box): boolean {
  const e = g.getEnvelope();
  if (e.maxX < box.minX || e.minX > box.maxX || e.maxY < box.minY || e.minY > box.maxY) return false;
  if (box.isBox && e.minX >= box.minX && e.maxX <= box.maxX && e.minY >= box.minY && e.maxY <= box.maxY) return true;
  return g.intersects(area);
}

/** The layer's polygons intersecting `area` (EPSG:3035 GeoJSON), in `srs`, with `idOf`'s ids, appended to `out`. */
function scanLayer(
  layer: Layer,
  q: { area: object; srs: SpatialReference; signal?: AbortSignal; label: string },
  idOf: (f: { fid: number; fields: { get(name: string): unknown } }) => string | number,
  out: AttributedPolygon[],
) {
  if (!layer.srs) throw new StoreError('CRS_MISMATCH', `vector: ${q.label} has no coordinate reference system`);
  const area = gdal.Geometry.fromGeoJson(q.area);
  area.srs = gdal.SpatialReference.fromEPSG(STORE_EPSG);
  area.transformTo(layer.srs);
  layer.setSpatialFilter(area);
  const box = boxOf(area);
  const toRaster = layer.srs.isSame(q.srs) ? null : new gdal.CoordinateTransformation(layer.srs, q.srs);
  let n = 0;
  for (const f of layer.features) {
    if (++n % 1000 === 0) q.signal?.throwIfAborted();
    const g = f.getGeometry();
    if (!g || g.isEmpty()) continue;
    if (!POLYGONAL.has(g.name.toUpperCase()))
      throw new StoreError(
        'INVALID_GEOMETRY',
        `vector: feature ${f.fid} of ${q.label} is a ${g.name.toLowerCase()}, not a polygon`,
      );
    if (!intersects(g, area, box)) continue;
    if (toRaster) g.transform(toRaster);
    const e = g.getEnvelope();
    out.push({ id: idOf(f), geometry: polygonalFromWkb(g.toWKB()), minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY });
  }
}

/** Features of `file` (first layer) intersecting `area` (EPSG:3035), in `srs`; the id from `idColumn` or the FID. */
export async function readPolygonFile(
  file: string,
  q: { idColumn: string; area: object; srs: SpatialReference; signal?: AbortSignal },
): Promise<PolygonSet> {
  let ds;
  try {
    ds = await gdal.openAsync(file);
  } catch (e) {
    throw new StoreError('UNREADABLE_FILE', `vector: ${(e as Error).message}`);
  }
  try {
    if (ds.layers.count() === 0) throw new StoreError('UNREADABLE_FILE', `vector: ${file} has no layer`);
    const layer = ds.layers.get(0);
    const names = layer.fields.getNames();
    const byField = names.includes(q.idColumn);
    if (!byField && q.idColumn !== 'id')
      throw new StoreError(
        'INVALID_VALUES',
        `id_column: ${file} has no attribute "${q.idColumn}" (it has ${names.join(', ') || 'none'})`,
      );
    const polygons: AttributedPolygon[] = [];
    scanLayer(layer, { ...q, label: file }, (f) => (byField ? (f.fields.get(q.idColumn) as string | number) : f.fid), polygons);
    return { label: file, idColumn: byField ? q.idColumn : 'fid', polygons };
  } finally {
    ds.close();
  }
}

/** The store's vector product polygons intersecting `area`; ids `<unit>:<fid>` (the fid in the unit's version). */
export async function readStorePolygons(
  deps: { db: Database; storeDir: string },
  q: { product: string; referenceYear: number; area: object; srs: SpatialReference; signal?: AbortSignal },
): Promise<PolygonSet> {
  const groups = await findGroupsIntersecting(deps.db, { product: q.product, referenceYear: q.referenceYear, geometry: q.area });
  const polygons: AttributedPolygon[] = [];
  for (const g of groups) {
    q.signal?.throwIfAborted();
    const { ds, layer } = await openVectorGroup(path.join(deps.storeDir, g.filePath), g.sha256);
    try {
      scanLayer(layer, { ...q, label: `${q.product} ${g.groupName}` }, (f) => `${g.groupName}:${f.fid}`, polygons);
    } finally {
      ds.close();
    }
  }
  return { label: `${q.product} ${q.referenceYear} (product store)`, idColumn: 'id', polygons };
}
