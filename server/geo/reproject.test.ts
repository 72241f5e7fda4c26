/** The cached transformations give what a fresh transformation per call gave (GDAL's own transformTo). */
import { describe, expect, it } from 'vitest';
import { boundsToPolygon } from '../storage/grid';
import gdal from './gdal';
import { extent4326, reproject } from './reproject';

const fresh = (geojson: object, from: number, to: number) => {
  const g = gdal.Geometry.fromGeoJson(geojson);
  g.srs = gdal.SpatialReference.fromEPSG(from);
  g.transformTo(gdal.SpatialReference.fromEPSG(to));
  return g;
};

describe('reproject', () => {
  it('extent4326 of a box in EPSG:3035 and in a national CRS, twice (the second from the cache)', () => {
    for (const [epsg, b] of [
      [3035, { minX: 4_795_000, minY: 2_808_000, maxX: 4_796_000, maxY: 2_809_000 }],
      [31287, { minX: 600_000, minY: 480_000, maxX: 640_000, maxY: 520_000 }],
    ] as const) {
      const ring = gdal.Geometry.fromGeoJson(boundsToPolygon(b));
      ring.segmentize(500);
      const e = fresh(ring.toObject(), epsg, 4326).getEnvelope();
      const r = (v: number) => Math.round(v * 1e7) / 1e7;
      const expected = [r(e.minX), r(e.minY), r(e.maxX), r(e.maxY)];
      expect(extent4326(b, epsg)).toEqual(expected);
      expect(extent4326(b, epsg)).toEqual(expected);
    }
  });

  it('reproject moves the vertices as GDAL does', () => {
    const p = {
      type: 'Polygon',
      coordinates: [
        [
          [16.3, 48.2],
          [16.4, 48.2],
          [16.4, 48.3],
          [16.3, 48.2],
        ],
      ],
    };
    expect(reproject(p, 4326, 3035)).toEqual(fresh(p, 4326, 3035).toObject());
  });
});
