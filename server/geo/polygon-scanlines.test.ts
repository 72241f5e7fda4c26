/**
 * The scanline mask against GDAL's own rasterization (gdal_rasterize without ALL_TOUCHED, the rule of gdalwarp's
 * cutline), pixel by pixel: densified and coarse polygons, holes, multipolygons, vertices on pixel edges and centres,
 * horizontal edges on a centre line, shapes partly outside the grid.
 */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../storage/grid';
import gdal from './gdal';
import { PolygonRows, type PolygonalXY } from './polygon-scanlines';

const grid: Grid = { x0: 4_700_000, y0: 2_800_000, width: 400, height: 300, pixelSize: 10 };

function gdalMask(g: Grid, geometry: PolygonalXY): Uint8Array {
  const mem = gdal.open('mask', 'w', 'MEM', g.width, g.height, 1, gdal.GDT_Byte);
  mem.geoTransform = [g.x0, g.pixelSize, 0, g.y0, 0, -g.pixelSize];
  mem.srs = gdal.SpatialReference.fromEPSG(3035);
  const vec = gdal.open('shape', 'w', 'Memory');
  const layer = vec.layers.create('aoi', gdal.SpatialReference.fromEPSG(3035), gdal.wkbMultiPolygon);
  const f = new gdal.Feature(layer);
  f.setGeometry(gdal.Geometry.fromGeoJson(geometry));
  layer.features.add(f);
  gdal.rasterize(mem, vec, ['-burn', '1', '-l', 'aoi']);
  const out = mem.bands.get(1).pixels.read(0, 0, g.width, g.height) as Uint8Array;
  vec.close();
  mem.close();
  return out;
}

function ourMask(g: Grid, geometry: PolygonalXY): Uint8Array {
  const data = new Uint8Array(g.width * g.height).fill(1);
  const rows = new PolygonRows(g, geometry);
  // In strips, as the extracts use it.
  for (let r = 0; r < g.height; r += 7) rows.maskOutside(data.subarray(r * g.width), r, Math.min(7, g.height - r), 0);
  return data;
}

const X = (px: number) => grid.x0 + px * 10;
const Y = (py: number) => grid.y0 - py * 10;
const ring = (pts: [number, number][]) => [...pts, pts[0]!].map(([px, py]) => [X(px), Y(py)]);
/** A wobbly circle of n vertices (a densified outline). */
const circle = (cx: number, cy: number, r: number, n: number, seed = 1) =>
  ring(
    Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      const rr = r * (1 + 0.15 * Math.sin(7 * a + seed) + 0.05 * Math.sin(31 * a));
      return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)] as [number, number];
    }),
  );

const cases: Record<string, PolygonalXY> = {
  'densified, wobbly (5,000 vertices)': { type: 'Polygon', coordinates: [circle(200, 150, 120, 5000)] },
  'coarse triangle': {
    type: 'Polygon',
    coordinates: [
      ring([
        [10.3, 20.7],
        [390.2, 60.1],
        [150.9, 290.4],
      ]),
    ],
  },
  'vertices on pixel centres and edges, horizontal edges on a centre line': {
    type: 'Polygon',
    coordinates: [
      ring([
        [20.5, 10.5],
        [300.5, 10.5],
        [300, 100],
        [200.5, 100.5],
        [200.5, 200.5],
        [20, 200],
      ]),
    ],
  },
  'a hole': { type: 'Polygon', coordinates: [circle(200, 150, 140, 800), circle(210, 140, 50, 300, 3).reverse()] },
  multipolygon: {
    type: 'MultiPolygon',
    coordinates: [[circle(90, 80, 60, 400)], [circle(300, 200, 70, 600, 2)], [circle(320, 40, 20, 50, 5)]],
  },
  'partly outside the grid': { type: 'Polygon', coordinates: [circle(380, -10, 150, 1000, 4)] },
};

describe('PolygonRows: the pixels whose centre is inside, as GDAL rasterizes them', () => {
  for (const [name, geometry] of Object.entries(cases))
    it(name, () => {
      const want = gdalMask(grid, geometry);
      const got = ourMask(grid, geometry);
      const inside = want.reduce((s, v) => s + v, 0);
      expect(inside).toBeGreaterThan(100);
      let differing = 0;
      for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) differing++;
      expect(differing).toBe(0);
    });

  it('rows must be asked in order', () => {
    const rows = new PolygonRows(grid, cases['coarse triangle']!);
    rows.row(50);
    expect(() => rows.row(10)).toThrow(/increase/);
  });
});
