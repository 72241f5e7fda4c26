/** Reprojecting GeoJSON geometries and extents with GDAL/PROJ (axis order: lon/lat, easting/northing). */
import type { CoordinateTransformation } from 'gdal-async';
import { boundsToPolygon, type Bounds } from '../storage/grid';
import gdal from './gdal';

// Setting up a transformation costs ~30 ms (PROJ looks the pipeline up in proj.db), running it ~0.3 µs a point:
// one per CRS pair for the process. Uncached, the package's bbox4326 alone was ~40 ms of main-thread CPU per order
// (27 % of the worker's busy time draining small orders, --cpu-prof).
const transforms = new Map<string, CoordinateTransformation>();
const transformOf = (from: number, to: number) => {
  let ct = transforms.get(`${from}>${to}`);
  if (!ct) {
    ct = new gdal.CoordinateTransformation(gdal.SpatialReference.fromEPSG(from), gdal.SpatialReference.fromEPSG(to));
    transforms.set(`${from}>${to}`, ct);
  }
  return ct;
};

export type GeoJsonGeometry = { type: string; coordinates?: unknown; geometries?: unknown };

/**
 * Vertices only: each edge becomes a straight line (a chord) in the target CRS. An area whose edges are straight in
 * lon/lat (an AOI, a nation's boundary) goes through densify.ts instead.
 */
export function reproject<T extends object>(geometry: T, from: number, to: number): T {
  const g = gdal.Geometry.fromGeoJson(geometry);
  g.transform(transformOf(from, to));
  return g.toObject() as T;
}

/** The lon/lat extent of a box in another CRS (its edges densified every `step` metres, so curved edges count). */
export function extent4326(b: Bounds, epsg: number, step = 500): [number, number, number, number] {
  const ring = gdal.Geometry.fromGeoJson(boundsToPolygon(b));
  ring.segmentize(step);
  ring.transform(transformOf(epsg, 4326));
  const e = ring.getEnvelope();
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(e.minX), r(e.minY), r(e.maxX), r(e.maxY)];
}

/** The polygonal part of a geometry as a MultiPolygon (lines and points from boundaries dropped), or null. */
export function polygonalPart(geojson: GeoJsonGeometry): { type: 'MultiPolygon'; coordinates: unknown[] } | null {
  const polys: unknown[] = [];
  const visit = (g: GeoJsonGeometry) => {
    if (g.type === 'Polygon') polys.push(g.coordinates);
    else if (g.type === 'MultiPolygon') polys.push(...(g.coordinates as unknown[]));
    else if (g.type === 'GeometryCollection') for (const c of g.geometries as GeoJsonGeometry[]) visit(c);
  };
  visit(geojson);
  return polys.length ? { type: 'MultiPolygon', coordinates: polys } : null;
}
