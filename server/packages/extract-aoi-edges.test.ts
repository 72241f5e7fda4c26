/**
 * AOI edges follow the lines the user drew (straight in lon/lat), for the one shape too heavy for the e2e run: a box
 * near ORDER_MAX_AREA_KM2 (~570 Mpx of output) whose northern edge crosses the tiny demo store (central Vienna), where
 * a chord in EPSG:3035 is off by over 1 km. The raster extract is compared pixel by pixel with
 * `gdalwarp -cutline <the AOI in EPSG:4326> -crop_to_cutline -tr 10 10 -tap` (GDAL densifies the cutline itself), the
 * vector extract's per-class areas with PostGIS ST_Intersection of the store's features and the AOI densified by
 * PostGIS (ST_Segmentize). The other shapes run over HTTP: playwright/e2e/api/aoi-edges.spec.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { run, useTempDir } from '~/test/geo';
import { env } from '../env.js';
import { checkAoi } from '../orders/check-aoi';
import { makeDemoData } from '../storage/demo/make-demo-data';
import { extractRasterAoi } from './extract-raster';
import { extractVector } from './extract-vector';

const t = useTestDatabase();
const tmp = useTempDir('clcplus-edges-');
const storeDir = path.join(tmp, 'store');
const deps = () => ({ db: t.db, storeDir });
const ctx = { signal: new AbortController().signal, progress: async () => {} };
const PY = '/usr/bin/python3';

// 2.9° × 2° (~48,700 km²); its northern edge (48.25° N) runs across the tiny store (EPSG:3035 y 2,800–2,820 km).
const LARGE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [15.0, 46.25],
      [17.9, 46.25],
      [17.9, 48.25],
      [15.0, 48.25],
      [15.0, 46.25],
    ],
  ],
};
const storeFiles = (product: string) => {
  const dir = path.join(storeDir, product, '2021');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.nc')) // the netCDF archive, not the vector groups' GeoPackage copies beside it
    .map((f) => path.join(dir, f));
};

beforeAll(async () => {
  await makeDemoData({ db: t.db, storeDir, workDir: path.join(tmp, 'demo') }, { size: 'tiny' });
  fs.writeFileSync(
    path.join(tmp, 'aoi-4326.geojson'),
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: LARGE }] }),
  );
}, 120_000);

describe('an AOI near the area limit (edges straight in lon/lat)', () => {
  it('is accepted near the limit, its area and window measured on the curved edges', async () => {
    const checked = await checkAoi(t.db, { type: 'MultiPolygon', coordinates: LARGE.coordinates.map((r) => [r]) } as never, {
      maxAreaKm2: env.ORDER_MAX_AREA_KM2,
      maxPixels: env.ORDER_MAX_PIXELS,
    });
    // PostGIS's own densification (5e-5°, ≤ 5.6 m) in EPSG:3035: the same area and 10 m window.
    const [ref] = await t.db.$client<{ area: number; pixels: number }[]>`
      select ST_Area(p) / 1e6 as area,
        (ceil(ST_XMax(p) / 10) - floor(ST_XMin(p) / 10)) * (ceil(ST_YMax(p) / 10) - floor(ST_YMin(p) / 10)) as pixels
      from (select ST_Transform(ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(LARGE)}), 4326), 5e-5), 3035) p) s`;
    expect(checked.areaKm2).toBeGreaterThan(0.95 * env.ORDER_MAX_AREA_KM2);
    expect(Math.abs(checked.areaKm2 - ref!.area) / ref!.area).toBeLessThan(1e-7);
    expect(checked.pixels).toBe(Number(ref!.pixels));
  });

  it('vector: per-class areas within 0.01 % of PostGIS ST_Intersection with the AOI densified by ST_Segmentize', async () => {
    const file = path.join(tmp, 'ours.gpkg');
    const v = await extractVector(deps(), { productCode: 'clcplus_vector', year: 2021, area4326: LARGE, epsg: 3035, file }, ctx);
    expect(v.features).toBeGreaterThan(100);
    const u = new URL(t.url);
    const pg = `PG:host=${u.hostname} port=${u.port || 5432} dbname=${u.pathname.slice(1)} user=${decodeURIComponent(u.username)} password=${decodeURIComponent(u.password)}`;
    run('ogr2ogr', ['-f', 'PostgreSQL', pg, file, '-nln', 't_pkg', '-lco', 'GEOMETRY_NAME=geom']);
    storeFiles('clcplus_vector').forEach((f, i) => {
      const create = i === 0 ? ['-lco', 'GEOMETRY_NAME=geom'] : ['-append'];
      run('ogr2ogr', ['-f', 'PostgreSQL', pg, f, '-nln', 't_src', ...create, '-nlt', 'MULTIPOLYGON', '-a_srs', 'EPSG:3035']);
    });
    const sql = t.db.$client;
    const aoi = sql`ST_Transform(ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(LARGE)}), 4326), 5e-5), 3035)`;
    const chords = sql`ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(LARGE)}), 4326), 3035)`;
    const got = await sql<{ class: number; area: number }[]>`
      select class, sum(ST_Area(geom)) as area from t_pkg group by class order by class`;
    const areas = (g: typeof aoi) => sql<{ class: number; area: number }[]>`
      select class, sum(ST_Area(ST_Intersection(geom, ${g}))) as area from t_src
      where ST_Intersects(geom, ${g}) group by class having sum(ST_Area(ST_Intersection(geom, ${g}))) > 0 order by class`;
    const want = await areas(aoi);
    expect(got.map((g) => g.class)).toEqual(want.map((w) => w.class));
    const err = (a: { area: number }[]) => Math.max(...want.map((w, i) => Math.abs(a[i]!.area - w.area) / w.area));
    expect(err(got)).toBeLessThan(1e-4);
    // The chords (the AOI's vertices only, projected) would be off by far more than that.
    expect(err(await areas(chords))).toBeGreaterThan(1e-3);
  }, 120_000);
  it('raster: pixel-identical to gdalwarp -cutline in EPSG:4326 -crop_to_cutline -tr 10 10 -tap, same grid', async () => {
    const file = path.join(tmp, 'ours.tif');
    const r = await extractRasterAoi(deps(), { productCode: 'clcplus_raster', year: 2021, aoi: LARGE, file }, ctx);
    expect(r.width * r.height).toBeGreaterThan(500_000_000);
    const vrt = path.join(tmp, 'store.vrt');
    run('gdalbuildvrt', ['-q', vrt, ...storeFiles('clcplus_raster')]);
    // gdalwarp's cut as a warped VRT: its grid (-crop_to_cutline -tap) at once, its pixels computed where they are read.
    const warped = path.join(tmp, 'gdalwarp.vrt');
    run('gdalwarp', [
      ...['-q', '-of', 'VRT', '-tr', '10', '10', '-tap', '-r', 'near'],
      ...[
        '-cutline',
        path.join(tmp, 'aoi-4326.geojson'),
        '-crop_to_cutline',
        '-srcnodata',
        '255',
        '-dstnodata',
        '255',
        vrt,
        warped,
      ],
    ]);
    const grid = (f: string) => {
      const i = JSON.parse(run('gdalinfo', ['-json', f]));
      return { size: i.size, geoTransform: i.geoTransform };
    };
    expect(grid(file)).toEqual(grid(warped));
    // Its pixels over the store (outside it there is nothing to cut: the comparison requires our rest to be no data).
    const s = JSON.parse(run('gdalinfo', ['-json', vrt])).cornerCoordinates;
    const ref = path.join(tmp, 'gdalwarp-store.tif');
    run('gdal_translate', ['-q', '-projwin', ...[s.upperLeft, s.lowerRight].flat().map(String), warped, ref]);
    const cmp = JSON.parse(run(PY, [path.resolve('test/python/compare_cut.py'), file, ref]));
    expect(cmp).toMatchObject({ aligned: true, differing: 0, data_outside_common: [0, 0] });
    expect(cmp.common_pixels).toBe(4_000_000);
    // The edge cuts the store: some of its 4 × 10⁶ pixels are in, some out.
    expect(cmp.data_pixels[0]).toBeGreaterThan(1_000_000);
    expect(cmp.data_pixels[0]).toBeLessThan(3_500_000);
  }, 120_000);
});
