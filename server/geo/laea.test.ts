/**
 * proj4 (laea.ts, what the web uses) against GDAL/PROJ (what the worker and the GDAL tools use) for EPSG:4326 ↔
 * EPSG:3035 over the CRS's area of use, and densify giving the same AOI through either.
 */
import { describe, expect, it } from 'vitest';
import { densify } from './densify';
import gdal from './gdal';
import { gdalProjection } from './gdal-projection';
import { fromLaea, toLaea } from './laea';

// EPSG:3035's area of use (EPSG registry): 35.58° W – 44.83° E, 24.60° N – 84.73° N, every 0.5° (about 20,000 points),
// plus points off the grid lines.
const lonlat: number[] = [];
for (let lon = -35.5; lon <= 44.8; lon += 0.5) for (let lat = 24.6; lat <= 84.7; lat += 0.5) lonlat.push(lon, lat);
lonlat.push(16.372, 48.2083, -9.5, 38.7, 28.98, 41.01, 25.0, 71.1, -17.9, 28.6, 10, 52);
const points = Float64Array.from(lonlat);

const box = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe('EPSG:3035 with proj4', () => {
  it('projects like GDAL/PROJ to within 1 mm over the whole area of use', () => {
    const ours = toLaea.project(points);
    const theirs = gdalProjection(3035).project(points);
    let worst = 0;
    for (let i = 0; i < points.length; i += 2)
      worst = Math.max(worst, Math.hypot(ours[i]! - theirs[i]!, ours[i + 1]! - theirs[i + 1]!));
    expect(points.length / 2).toBeGreaterThan(19_000);
    expect(worst).toBeLessThan(0.001);
  });

  it('projects back like GDAL/PROJ to within 1 mm', () => {
    const xy = gdalProjection(3035).project(points);
    const ours = fromLaea.project(xy);
    const ct = new gdal.CoordinateTransformation(gdal.SpatialReference.fromEPSG(3035), gdal.SpatialReference.fromEPSG(4326));
    const M_PER_DEG = 111_320;
    let worst = 0;
    for (let i = 0; i < xy.length; i += 2) {
      const p = ct.transformPoint(xy[i]!, xy[i + 1]!);
      const dx = (ours[i]! - p.x) * M_PER_DEG * Math.cos((p.y * Math.PI) / 180);
      const dy = (ours[i + 1]! - p.y) * M_PER_DEG;
      worst = Math.max(worst, Math.hypot(dx, dy));
    }
    expect(worst).toBeLessThan(0.001);
  });

  it.each([
    ['a 50,000 km² box', { type: 'Polygon' as const, coordinates: [box(15.0, 46.3, 17.9, 48.3)] }],
    ['a box in the far north', { type: 'Polygon' as const, coordinates: [box(20.0, 69.0, 24.0, 70.5)] }],
    [
      'a multipolygon with a hole',
      {
        type: 'MultiPolygon' as const,
        coordinates: [[box(16.2, 48.1, 16.5, 48.3), box(16.3, 48.15, 16.4, 48.25).reverse()], [box(-9.3, 38.6, -9.0, 38.8)]],
      },
    ],
  ])('densifies %s as it did with GDAL: the same vertices, projected within 1 mm', (_, aoi) => {
    const ours = densify(aoi, 3035);
    const theirs = densify(aoi, 3035, { projection: gdalProjection(3035) });
    expect(ours.vertices).toBe(theirs.vertices);
    expect(ours.geometry4326).toEqual(theirs.geometry4326);
    expect(ours.longestSegment).toBeLessThanOrEqual(10);
    const a = ours.projected.coordinates.flat(2);
    const b = theirs.projected.coordinates.flat(2);
    expect(a.length).toBe(b.length);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.hypot(a[i]![0]! - b[i]![0]!, a[i]![1]! - b[i]![1]!));
    expect(worst).toBeLessThan(0.001);
  });
});
