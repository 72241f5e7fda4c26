/**
 * Lon/lat (EPSG:4326) to any EPSG CRS with GDAL/PROJ, for densify.ts in the worker (a nation's CRS, tests). The web
 * only ever needs EPSG:3035, which laea.ts does without GDAL.
 */
import type { CoordinateTransformation } from 'gdal-async';
import gdal from './gdal';
import type { FlatProjection } from './laea';

const wgs84 = gdal.SpatialReference.fromEPSG(4326);
// A transformation costs ~30 ms to set up (PROJ pipeline), ~0.3 µs a point to run: one per target CRS.
const projections = new Map<number, FlatProjection>();

export function gdalProjection(epsg: number): FlatProjection {
  let p = projections.get(epsg);
  if (!p)
    projections.set(
      epsg,
      (p = { epsg, project: projector(new gdal.CoordinateTransformation(wgs84, gdal.SpatialReference.fromEPSG(epsg))) }),
    );
  return p;
}

/** Projects a flat [lon, lat, lon, lat, …] array in one GDAL call (a WKB LineString); non-finite where it fails. */
const projector = (ct: CoordinateTransformation) => (lonlat: Float64Array) => {
  const n = lonlat.length / 2;
  // A LineString needs 2 points: a lone point is repeated.
  const pts = n === 1 ? Float64Array.of(lonlat[0]!, lonlat[1]!, lonlat[0]!, lonlat[1]!) : lonlat;
  const header = Buffer.alloc(9);
  header.writeUInt8(1, 0); // little endian
  header.writeUInt32LE(2, 1); // wkbLineString
  header.writeUInt32LE(pts.length / 2, 5);
  const wkb = Buffer.concat([header, Buffer.from(pts.buffer, pts.byteOffset, pts.byteLength)]);
  const g = gdal.Geometry.fromWKB(wkb, wgs84);
  g.transform(ct);
  const out = g.toWKB('LSB');
  const xy = new Float64Array(out.buffer.slice(out.byteOffset + 9, out.byteOffset + 9 + pts.byteLength));
  return n === 1 ? xy.subarray(0, 2) : xy;
};
