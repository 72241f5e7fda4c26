/**
 * PostGIS geometry columns with their type and SRID in the DDL: `geometry(MultiPolygon,3035)`.
 * drizzle's own `geometry()` only knows points and drops the SRID (drizzle-orm#3040), so we declare our own.
 *
 * Values in TypeScript are GeoJSON geometries. Writes go through `ST_GeomFromGeoJSON` (a Polygon is promoted with
 * `ST_Multi` for multi columns); reads decode PostGIS' hex EWKB. A geometry in another SRID is refused by PostGIS
 * itself, because the column is typed.
 */
import { customType } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

export type Position = [number, number];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Point = { type: 'Point'; coordinates: Position };
export type Geometry = Point | Polygon | MultiPolygon;

type GeometryKind = 'MultiPolygon' | 'Polygon' | 'Point';
type ValueOf<K extends GeometryKind> = K extends 'MultiPolygon' ? MultiPolygon | Polygon : K extends 'Polygon' ? Polygon : Point;

/** A typed geometry column, e.g. `geometryColumn('MultiPolygon', 3035)('geom')`. */
export function geometryColumn<K extends GeometryKind>(kind: K, srid: number) {
  return customType<{ data: ValueOf<K>; driverData: string }>({
    dataType: () => `geometry(${kind},${srid})`,
    toDriver: (value): SQL => {
      const geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), ${srid})`;
      return kind === 'MultiPolygon' ? sql`ST_Multi(${geom})` : geom;
    },
    fromDriver: (value) => decodeEwkb(value) as ValueOf<K>,
  });
}

export const multiPolygon4326 = geometryColumn('MultiPolygon', 4326);
export const multiPolygon3035 = geometryColumn('MultiPolygon', 3035);
export const polygon3035 = geometryColumn('Polygon', 3035);

/** Decodes hex (E)WKB of a 2D Point, Polygon or MultiPolygon into GeoJSON. */
export function decodeEwkb(hex: string): Geometry {
  const buf = Buffer.from(hex, 'hex');
  let off = 0;
  const readGeom = (): Geometry => {
    const le = buf.readUInt8(off) === 1;
    off += 1;
    const u32 = () => {
      const v = le ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
      off += 4;
      return v;
    };
    const f64 = () => {
      const v = le ? buf.readDoubleLE(off) : buf.readDoubleBE(off);
      off += 8;
      return v;
    };
    const rawType = u32();
    if (rawType & 0x20000000) off += 4; // SRID present (EWKB): the column already fixes it
    if (rawType & 0xc0000000) throw new Error('decodeEwkb: only 2D geometries are supported');
    const type = rawType & 0xffff;
    const point = (): Position => [f64(), f64()];
    const ring = (): Position[] => Array.from({ length: u32() }, point);
    const polygon = (): Position[][] => Array.from({ length: u32() }, ring);
    if (type === 1) return { type: 'Point', coordinates: point() };
    if (type === 3) return { type: 'Polygon', coordinates: polygon() };
    if (type === 6) {
      const n = u32();
      const polys: Position[][][] = [];
      for (let i = 0; i < n; i++) {
        const g = readGeom();
        if (g.type !== 'Polygon') throw new Error('decodeEwkb: MultiPolygon member is not a Polygon');
        polys.push(g.coordinates);
      }
      return { type: 'MultiPolygon', coordinates: polys };
    }
    throw new Error(`decodeEwkb: unsupported geometry type ${type}`);
  };
  return readGeom();
}
