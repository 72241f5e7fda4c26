/** Reprojecting GeoJSON geometries and extents with GDAL/PROJ (axis order: lon/lat, easting/northing). */
import { boundsToPolygon, type Bounds } from '../storage/grid';
import gdal from './gdal';

const srs = (epsg: number) => gdal.SpatialReference.fromEPSG(epsg);

export type GeoJsonGeometry = { type: string; coordinates?: unknown; geometries?: unknown };

/**
 * Vertices only: each edge becomes a straight line (a chord) in the target CRS. An area whose edges are straight in
 * lon/lat (an AOI, a nation's boundary) goes through densify.ts instead.
 */
export function reproject<T extends object>(geometry: T, from: number, to: number): T {
  const g = gdal.Geometry.fromGeoJson(geometry);
  g.srs = srs(from);
  g.transformTo(srs(to));
  return g.toObject() as T;
}

/** The lon/lat extent of a box in another CRS (its edges densified every `step` metres, so curved edges count). */
export function extent4326(b: Bounds, epsg: number, step = 500): [number, number, number, number] {
  const ring = gdal.Geometry.fromGeoJson(boundsToPolygon(b));
  ring.segmentize(step);
  ring.srs = srs(epsg);
  ring.transformTo(srs(4326));
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
