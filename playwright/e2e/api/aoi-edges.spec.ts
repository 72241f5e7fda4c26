/**
 * AOI edges follow the lines the user drew: straight in longitude/latitude (RFC 7946 §3.1.1), curves in EPSG:3035.
 * Each shape is ordered over HTTP as a user would, and the package's COG is compared pixel by pixel with
 * `gdalwarp -cutline <the AOI in EPSG:4326> -crop_to_cutline -tr 10 10 -tap` of the same store files (GDAL
 * densifies a cutline in another CRS itself), on the same grid; the vector package's per-class areas with PostGIS
 * ST_Intersection of the store's features and the AOI densified by PostGIS. The box near ORDER_MAX_AREA_KM2
 * (~570 Mpx) is checked at the level of the extract instead: server/packages/extract-aoi-edges.test.ts.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { aoiFile, gdalwarpFromStore, orderAndDownload, PY, root, tool } from '~/playwright/fixtures/orders';

type Ring = [number, number][];
const box = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const polygon = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings });

// All over the demo store (60 km × 60 km around Vienna, about 16.0–16.85° E, 47.9–48.45° N).
const SMALL: Ring = [
  [16.37, 48.2],
  [16.385, 48.203],
  [16.381, 48.211],
  [16.37, 48.2],
];
const C_SHAPE: Ring = [
  [16.1, 48.0],
  [16.7, 48.0],
  [16.7, 48.1],
  [16.25, 48.1],
  [16.25, 48.3],
  [16.7, 48.3],
  [16.7, 48.4],
  [16.1, 48.4],
  [16.1, 48.0],
];
/** `geometry`: the AOI in GeoJSON (what gdalwarp gets); `send`: what the client posts, when not that GeoJSON. */
const SHAPES: { name: string; geometry: object; send?: unknown }[] = [
  { name: 'a small polygon (~1 km²)', geometry: polygon(SMALL) },
  // Sent as a bbox, the way most clients send a box: its edges are a meridian and a parallel.
  { name: 'a 30 km × 30 km box', geometry: polygon(box(16.2, 48.05, 16.605, 48.32)), send: [16.2, 48.05, 16.605, 48.32] },
  { name: 'a concave polygon (a C, 45 km wide)', geometry: polygon(C_SHAPE) },
  { name: 'a polygon with a hole', geometry: polygon(box(16.15, 48.0, 16.75, 48.4), box(16.3, 48.1, 16.6, 48.3).reverse()) },
  {
    name: 'a multipolygon',
    geometry: { type: 'MultiPolygon', coordinates: [[box(16.05, 47.95, 16.35, 48.15)], [box(16.45, 48.2, 16.8, 48.42)]] },
  },
];

test.describe('AOI edges follow the lines drawn in lon/lat (raster identical to gdalwarp -cutline in EPSG:4326)', () => {
  test.describe.configure({ timeout: 120_000 });

  for (const shape of SHAPES) {
    test(`raster: ${shape.name}`, async ({ baseURL }) => {
      const o = await orderAndDownload(baseURL!, { product: 'Raster', aoi: shape.send ?? shape.geometry });
      const tif = path.join(o.folder, `${o.name}.tif`);
      const ref = gdalwarpFromStore(o.dir, aoiFile(o.dir, shape.geometry), 'gdalwarp.tif');
      const cmp = JSON.parse(tool(PY, path.join(root, 'test/python/compare_cut.py'), tif, ref));
      // Same grid (gdalwarp's -crop_to_cutline extent is ours), every pixel the same, and some data in the cut.
      expect(cmp).toMatchObject({ same_grid: true, differing: 0 });
      expect(cmp.data_pixels[0]).toBeGreaterThan(shape.name.startsWith('a small') ? 5_000 : 1_000_000);
      // The AOI in the package is the densified one: it draws the cut's outline in EPSG:3035 too (ogrinfo reads it).
      const aoi = tool('ogrinfo', '-so', '-al', path.join(o.folder, `${o.name}_aoi.geojson`));
      expect(aoi).toMatch(/Feature Count: 1/);
    });
  }
});
