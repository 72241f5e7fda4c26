/**
 * Densifying a lon/lat (EPSG:4326) polygon before it is projected. An AOI's edges are straight in longitude/latitude
 * (RFC 7946 §3.1.1: a bbox's edges are parallels and meridians); projected vertex by vertex, every edge would become a
 * chord in the target CRS (over 1 km off along the northern edge of a 50,000 km² box in EPSG:3035). As gdalwarp does
 * with a cutline in another CRS (`TransformCutlineToSource`, apps/gdalwarp_lib.cpp), points are inserted along each
 * edge, linearly in lon/lat, until every segment is at most `maxSegment` metres once projected, then the whole
 * geometry is projected. The bound holds per segment: each projected segment is measured and, if still too long
 * (the projection is not linear), its edge is split finer, until none is. The user's vertices are kept as they are.
 */
import { AppError } from '../errors';
import { PIXEL_SIZE, STORE_EPSG } from '../storage/grid';
import { toLaea, type FlatProjection } from './laea';

type Ring = number[][];
export type Polygonal = { type: 'Polygon'; coordinates: unknown } | { type: 'MultiPolygon'; coordinates: unknown };
export type MultiPolygonCoords = { type: 'MultiPolygon'; coordinates: Ring[][] };
export type Densified = {
  /** The densified AOI in EPSG:4326 (the user's vertices plus the inserted ones). */
  geometry4326: MultiPolygonCoords;
  /** The same vertices projected to `epsg`: every segment at most `maxSegment` metres. */
  projected: MultiPolygonCoords;
  epsg: number;
  vertices: number;
  /** The longest projected segment (m). */
  longestSegment: number;
};

/** Beyond this the outline is not an area one can order (a 50,000 km² box has ~90,000 vertices at 10 m). */
const MAX_VERTICES = 3_000_000;

/** Projects a flat [lon, lat, …] array, refusing an AOI that has points the projection cannot take. */
function projectFlat(lonlat: Float64Array, projection: FlatProjection): Float64Array {
  let xy: Float64Array;
  try {
    xy = projection.project(lonlat);
  } catch {
    xy = Float64Array.of(NaN);
  }
  if (!xy.every(Number.isFinite)) {
    throw new AppError('VALIDATION', `aoi: the polygon cannot be projected to EPSG:${projection.epsg}`, {
      reason: 'INVALID_AOI',
    });
  }
  return xy;
}

const dist = (xy: Float64Array, i: number) => Math.hypot(xy[2 * i + 2]! - xy[2 * i]!, xy[2 * i + 3]! - xy[2 * i + 1]!);

/** The ring's points with edge i split into parts[i] equal pieces in lon/lat (closing point included). */
function subdivide(ring: Ring, parts: Uint32Array): Float64Array {
  let total = 1;
  for (const p of parts) total += p;
  const out = new Float64Array(total * 2);
  let k = 0;
  for (let i = 0; i < parts.length; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    const n = parts[i]!;
    out[k++] = ax;
    out[k++] = ay;
    for (let j = 1; j < n; j++) {
      out[k++] = ax + ((bx - ax) * j) / n;
      out[k++] = ay + ((by - ay) * j) / n;
    }
  }
  const [lx, ly] = ring[ring.length - 1] as [number, number];
  out[k++] = lx;
  out[k] = ly;
  return out;
}

type RingResult = { lonlat: Float64Array; xy: Float64Array; longest: number };

function densifyRing(ring: Ring, projection: FlatProjection, maxSegment: number, budget: { left: number }): RingResult {
  const edges = ring.length - 1;
  const parts = new Uint32Array(edges).fill(1);
  // First guess from the projected chords, 2 % finer (the scale varies along an edge, so its pieces are unequal and a
  // guess at exactly the chord / maxSegment would nearly always need a second pass); then every piece is measured
  // and the edges whose pieces are still too long are split finer.
  const chords = projectFlat(subdivide(ring, parts), projection);
  let planned = 0;
  for (let i = 0; i < edges; i++) planned += parts[i] = Math.max(1, Math.ceil(dist(chords, i) / (0.98 * maxSegment)));
  for (;;) {
    if (planned > budget.left) {
      throw new AppError(
        'UNPROCESSABLE',
        `aoi: its outline is too long to order: more than ${(budget.left * maxSegment) / 1000} km in EPSG:${projection.epsg}. Split the area or send a simpler polygon.`,
        { reason: 'AOI_TOO_LARGE' },
      );
    }
    const lonlat = subdivide(ring, parts);
    const xy = projectFlat(lonlat, projection);
    let longest = 0;
    let refined = false;
    let seg = 0;
    planned = 0;
    for (let i = 0; i < edges; i++) {
      let worst = 0;
      for (let j = 0; j < parts[i]!; j++) worst = Math.max(worst, dist(xy, seg++));
      if (worst > maxSegment) {
        parts[i] = Math.max(parts[i]! + 1, Math.ceil((parts[i]! * worst) / maxSegment));
        refined = true;
      }
      longest = Math.max(longest, worst);
      planned += parts[i]!;
    }
    if (!refined) {
      budget.left -= planned;
      return { lonlat, xy, longest };
    }
  }
}

const toRing = (flat: Float64Array): Ring => {
  const r: Ring = new Array(flat.length / 2);
  for (let i = 0; i < r.length; i++) r[i] = [flat[2 * i]!, flat[2 * i + 1]!];
  return r;
};

/**
 * Densifies a (Multi)Polygon in EPSG:4326 so that no segment is longer than `maxSegment` m once projected to `epsg`.
 * EPSG:3035 is projected with proj4 (laea.ts: the web process has no GDAL); any other CRS needs `projection`
 * (gdal-projection.ts, in the worker).
 */
export function densify(
  geometry: Polygonal,
  epsg: number,
  opts: { maxSegment?: number; maxVertices?: number; projection?: FlatProjection } = {},
): Densified {
  const projection = opts.projection ?? (epsg === STORE_EPSG ? toLaea : undefined);
  if (projection?.epsg !== epsg) throw new Error(`densify: no projection to EPSG:${epsg} given (gdalProjection(${epsg}))`);
  const maxSegment = opts.maxSegment ?? PIXEL_SIZE;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  const budget = { left: opts.maxVertices ?? MAX_VERTICES };
  const geometry4326: MultiPolygonCoords = { type: 'MultiPolygon', coordinates: [] };
  const projected: MultiPolygonCoords = { type: 'MultiPolygon', coordinates: [] };
  let vertices = 0;
  let longestSegment = 0;
  for (const polygon of polygons) {
    const ll: Ring[] = [];
    const pr: Ring[] = [];
    for (const ring of polygon) {
      const r = densifyRing(ring, projection, maxSegment, budget);
      ll.push(toRing(r.lonlat));
      pr.push(toRing(r.xy));
      vertices += r.lonlat.length / 2;
      longestSegment = Math.max(longestSegment, r.longest);
    }
    geometry4326.coordinates.push(ll);
    projected.coordinates.push(pr);
  }
  return { geometry4326, projected, epsg, vertices, longestSegment };
}
