/** Clipping by pieces gives what GEOS gives against the whole polygon, on features across every kind of edge. */
import type { Polygon } from 'gdal-async';
import { describe, expect, it } from 'vitest';
import { boundsToPolygon } from '../storage/grid';
import { areaPieces, vertexCount } from './area-pieces';
import { densify } from './densify';
import gdal from './gdal';

// A concave AOI with a hole, densified to 10 m segments in EPSG:3035 (~20,000 vertices).
const AOI = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [16.0, 48.0],
      [16.8, 48.0],
      [16.8, 48.4],
      [16.4, 48.15],
      [16.0, 48.4],
      [16.0, 48.0],
    ],
    [
      [16.2, 48.05],
      [16.2, 48.1],
      [16.3, 48.1],
      [16.3, 48.05],
      [16.2, 48.05],
    ],
  ],
};

describe('areaPieces', () => {
  it('clips like GEOS on the whole polygon: same areas, nothing outside, small pieces', () => {
    const whole = gdal.Geometry.fromGeoJson(densify(AOI, 3035).projected);
    expect(vertexCount(whole)).toBeGreaterThan(15_000);
    const pieces = areaPieces(whole, { maxVertices: 128 });
    expect(pieces.pieces).toBeGreaterThan(100);
    const e = whole.getEnvelope();
    let inside = 0;
    let across = 0;
    let outside = 0;
    // Irregular cells of 2.1 km × 1.5 km every 2.6 km × 1.8 km over the envelope and beyond, crossing edges, the hole and the notch.
    for (let x = e.minX - 2000; x < e.maxX + 2000; x += 2600) {
      for (let y = e.minY - 2000; y < e.maxY + 2000; y += 1800) {
        const cell = gdal.Geometry.fromGeoJson(boundsToPolygon({ minX: x, minY: y, maxX: x + 2100, maxY: y + 1500 })) as Polygon;
        const expected = cell.intersection(whole) as Polygon;
        const got = pieces.clip(cell) as Polygon | null;
        const want = expected.isEmpty() ? 0 : expected.getArea();
        if (want === 0) {
          expect(got === null || got.isEmpty() || got.getArea() < 1e-6).toBe(true);
          outside++;
          continue;
        }
        expect(Math.abs(got!.getArea() - want)).toBeLessThan(1e-6 * want + 1e-6);
        expect((got!.symDifference(expected) as Polygon).getArea()).toBeLessThan(1e-3); // the same shape, not just the same area
        if (Math.abs(want - cell.getArea()) < 1e-6) inside++;
        else across++;
      }
    }
    expect(Math.min(inside, across, outside)).toBeGreaterThan(20);
  });
});
