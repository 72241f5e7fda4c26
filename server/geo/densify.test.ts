/**
 * densify against PostGIS (not our code): every segment of the densified AOI, projected by ST_Transform, is at most
 * 10 m; the inserted points lie on the user's edges in lon/lat; the area and extent are those of PostGIS's own
 * densification (ST_Segmentize, ~1 m) while the vertex-only projection is off by more than a kilometre.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { densify } from './densify';
import { gdalProjection } from './gdal-projection';

const t = useTestDatabase();

type Ring = number[][];
const box = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
// Near ORDER_MAX_AREA_KM2 (~48,600 km²), its northern edge across the demo store around Vienna.
const LARGE = { type: 'Polygon' as const, coordinates: [box(15.0, 46.3, 17.9, 48.3)] };
// A polygon with a hole and a second part (a multipolygon).
const HOLED = {
  type: 'MultiPolygon' as const,
  coordinates: [[box(16.2, 48.1, 16.5, 48.3), box(16.3, 48.15, 16.4, 48.25).reverse()], [box(16.6, 48.0, 16.7, 48.08)]],
};

/** PostGIS on a GeoJSON in EPSG:4326: its longest segment once transformed, area, extent (EPSG:`epsg`). */
async function measure(geojson: object, epsg: number, segmentizeDeg?: number) {
  const g = `ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(geojson)}'), 4326)`;
  const src = segmentizeDeg ? `ST_Segmentize(${g}, ${segmentizeDeg})` : g;
  const [r] = await t.db.$client.unsafe<
    { longest: number; area: number; minx: number; miny: number; maxx: number; maxy: number }[]
  >(`
    select (select max(ST_Length((d).geom)) from ST_DumpSegments(p) d) as longest, ST_Area(p) as area,
      ST_XMin(p) as minx, ST_YMin(p) as miny, ST_XMax(p) as maxx, ST_YMax(p) as maxy
    from (select ST_Transform(${src}, ${epsg}) as p) s`);
  return r!;
}

describe('densify', () => {
  it.each([3035, 31287])('no segment of a 50,000 km² box is longer than 10 m in EPSG:%i (PostGIS ST_Transform)', async (epsg) => {
    // EPSG:3035 with proj4 (laea.ts, the web's path), any other CRS with GDAL/PROJ (the worker's).
    const d = densify(LARGE, epsg, epsg === 3035 ? {} : { projection: gdalProjection(epsg) });
    const got = await measure(d.geometry4326, epsg);
    expect(got.longest).toBeLessThanOrEqual(10);
    expect(got.longest).toBeGreaterThan(9);
    expect(d.longestSegment).toBeCloseTo(got.longest, 6);
    // About one vertex per 10 m of the ~880 km outline: not more than a few per cent above the least possible.
    expect(d.vertices).toBeGreaterThan(88_000);
    expect(d.vertices).toBeLessThan(92_000);
    // PostGIS's own densification (5e-5°, ≤ 5.6 m) gives the same area and extent (to a few cm).
    const ref = await measure(LARGE, epsg, 5e-5);
    expect(Math.abs(got.area - ref.area) / ref.area).toBeLessThan(1e-7);
    for (const k of ['minx', 'miny', 'maxx', 'maxy'] as const) expect(Math.abs(got[k] - ref[k])).toBeLessThan(0.05);
    // The vertex-only projection (what ST_Transform of the AOI gave before) misses the curved edges by over 1 km.
    const [h] = await t.db.$client.unsafe<{ d: number }[]>(`
      select ST_HausdorffDistance(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(LARGE)}'), 4326), ${epsg}),
        ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(d.projected)}'), ${epsg})) as d`);
    expect(h!.d).toBeGreaterThan(1000);
  });

  it('keeps the user’s vertices and puts the new ones on the edges in lon/lat (parallels and meridians of a box)', () => {
    const d = densify(LARGE, 3035);
    const ring = d.geometry4326.coordinates[0]![0]!;
    for (const corner of LARGE.coordinates[0]!) expect(ring).toContainEqual(corner);
    expect(ring[0]).toEqual([15.0, 46.3]);
    expect(ring.at(-1)).toEqual([15.0, 46.3]);
    for (const [lon, lat] of ring) expect([15.0, 17.9].includes(lon!) || [46.3, 48.3].includes(lat!)).toBe(true);
    // In order along the outline: longitudes rise monotonically along the southern edge.
    const south = ring.filter(([, lat]) => lat === 46.3).map(([lon]) => lon!);
    expect(south.slice(0, -1)).toEqual([...south.slice(0, -1)].sort((a, b) => a - b));
    // The projected coordinates are those of the 4326 vertices (same count, same order).
    expect(d.projected.coordinates[0]![0]!.length).toBe(ring.length);
  });

  it('densifies every ring of a multipolygon with a hole, keeping rings, parts and orientation', async () => {
    const d = densify(HOLED, 3035);
    expect(d.geometry4326.coordinates.map((p) => p.length)).toEqual([2, 1]);
    const got = await measure(d.geometry4326, 3035);
    expect(got.longest).toBeLessThanOrEqual(10);
    const [v] = await t.db.$client.unsafe<{ valid: boolean; holes: number }[]>(`
      select ST_IsValid(g) as valid, ST_NumInteriorRings(ST_GeometryN(g, 1)) as holes
      from (select ST_GeomFromGeoJSON('${JSON.stringify(d.geometry4326)}') as g) s`);
    expect(v).toEqual({ valid: true, holes: 1 });
    const ref = await measure(HOLED, 3035, 5e-5);
    expect(Math.abs(got.area - ref.area) / ref.area).toBeLessThan(1e-7);
  });

  it('refuses a polygon the projection cannot take (the antipode of EPSG:3035’s centre) with a 400', () => {
    expect(() => densify({ type: 'Polygon', coordinates: [box(-170, -52, -169, -51)] }, 3035)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        reason: 'INVALID_AOI',
        message: 'aoi: the polygon cannot be projected to EPSG:3035',
      }),
    );
  });

  it('refuses an outline too long to order with a 422 naming the reason, before allocating it', () => {
    expect(() => densify(LARGE, 3035, { maxVertices: 50_000 })).toThrow(
      expect.objectContaining({
        code: 'UNPROCESSABLE',
        reason: 'AOI_TOO_LARGE',
        message: expect.stringMatching(/^aoi: its outline is too long/),
      }),
    );
  });
});
