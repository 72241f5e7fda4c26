/**
 * The QC checks (server/qc) on real files made here with GDAL: a good unit GeoTIFF passes every check (and so does
 * the same unit once in the store, and exported from it with gdal_translate); one defect per file — EPSG:4326, 20 m
 * pixels, 5 m off the grid, a class value 42, no-data 0, an attribute table with a wrong count, a vector in
 * EPSG:4326 or with class 42 — fails its own check with a detail that says what is wrong. Class statistics are
 * compared with an independent count (Debian's Python: osgeo.gdal + numpy; ogrinfo's SQLite dialect for areas).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import gdal from '~/server/geo/gdal';
import { ratAuxXml } from '~/server/packages/write-class-raster';
import { ingestRaster } from '~/server/storage/ingest-raster';
import { loadUnits } from '~/server/storage/load-units';
import { findGroup } from '~/server/storage/find-groups';
import { useTestDatabase } from '~/test/db';
import { landscapeTiff, numpyCounts, run, useTempDir, writeNumpyRat } from '~/test/geo';
import { checkRasterFile } from './check-raster-file';
import { checkStoreGroup } from './check-store-group';
import { checkVectorFile } from './check-vector-file';
import { qcMarkdown, type QcReport } from './qc-report';

const t = useTestDatabase();
const dir = useTempDir('clcplus-qc-');
const UNIT = '10kmE476N278';
const GRID = { x0: 4_760_000, y0: 2_790_000, width: 1000, height: 1000, pixelSize: 10 };
const good = path.join(dir, 'good.tif');
const f = (name: string) => path.join(dir, name);

const qc = (file: string, unit = UNIT) => checkRasterFile({ db: t.db }, { file, unit, referenceYear: 2021 });
const byId = (r: QcReport, id: string) => r.checks.find((c) => c.id === id)!;
const failedIds = (r: QcReport) => r.checks.filter((c) => !c.passed).map((c) => c.id);

/** A copy of the good file with pixels changed by `edit` (row-major, in place). */
function edited(name: string, edit: (px: Uint8Array) => void, nodata?: number): string {
  const src = gdal.open(good);
  const out = gdal.drivers.get('GTiff').createCopy(f(name), src);
  src.close();
  const band = out.bands.get(1);
  const px = band.pixels.read(0, 0, GRID.width, GRID.height) as Uint8Array;
  edit(px);
  band.pixels.write(0, 0, GRID.width, GRID.height, px);
  if (nodata !== undefined) band.noDataValue = nodata;
  out.close();
  return f(name);
}

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_770_000, maxY: 2_790_000 });
  await landscapeTiff(good, GRID);
  run('gdalwarp', ['-q', '-t_srs', 'EPSG:4326', '-r', 'near', good, f('4326.tif')]);
  run('gdalwarp', ['-q', '-tr', '20', '20', '-r', 'near', good, f('20m.tif')]);
  const [x0, y0] = [GRID.x0 + 5, GRID.y0 - 5];
  run('gdal_translate', ['-q', '-a_ullr', `${x0}`, `${y0}`, `${x0 + 10_000}`, `${y0 - 10_000}`, good, f('shifted.tif')]);
  edited('value42.tif', (px) => px.fill(42, 0, 1500));
  edited('nodata0.tif', () => {}, 0);
  // Delivered rasters carry an attribute table with exact counts (after the copies, so none inherits the good one's).
  for (const file of [good, '4326.tif', '20m.tif', 'shifted.tif', 'value42.tif', 'nodata0.tif'])
    writeNumpyRat(file === good ? good : f(file));
}, 120_000);

describe('QC of a raster file', () => {
  it('a good unit passes every check; its class statistics are numpy’s counts, 100 m² a pixel', async () => {
    const r = await qc(good);
    expect(failedIds(r)).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual([
      'readable',
      'crs',
      'pixel-size',
      'grid-alignment',
      'extent',
      'data-type',
      'nodata',
      'class-values',
      'rat',
      'metadata',
    ]);
    expect(byId(r, 'rat').detail).toMatch(/^raster attribute table: \d+ rows, counts exact$/);
    const counts = numpyCounts(good);
    const expected = Object.entries(counts)
      .filter(([v]) => v !== '255')
      .map(([v, n]) => ({ code: Number(v), pixels: n, areaKm2: n / 10_000 }));
    expect(r.classes.map(({ code, pixels, areaKm2 }) => ({ code, pixels, areaKm2 }))).toEqual(
      expected.map((e) => ({ ...e, areaKm2: expect.closeTo(e.areaKm2, 9) })),
    );
    expect(r.classes.reduce((s, c) => s + c.pixels!, 0) + (counts['255'] ?? 0)).toBe(1_000_000);
    const md = qcMarkdown(r);
    expect(md).toMatch(/Result: \*\*PASSED\*\* \(10 of 10 checks passed\)/);
    expect(md).toMatch(/\| Code \| Class \| Pixels \| Area \(km²\) \|/);
  });

  it('EPSG:4326 fails crs (and the grid checks), naming the CRS and the fix', async () => {
    const r = await qc(f('4326.tif'));
    expect(r.passed).toBe(false);
    expect(byId(r, 'crs')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^EPSG:4326; reproject: gdalwarp -t_srs EPSG:3035/),
    });
    expect(byId(r, 'pixel-size').passed).toBe(false);
  });

  it('20 m pixels fail pixel-size only', async () => {
    const r = await qc(f('20m.tif'));
    expect(failedIds(r)).toEqual(['pixel-size']);
    expect(byId(r, 'pixel-size').detail).toMatch(/^20 × 20 m pixels; the product has 10 m pixels/);
  });

  it('5 m off the grid fails grid-alignment (and extent: it reaches 5 m out of the unit)', async () => {
    const r = await qc(f('shifted.tif'));
    expect(failedIds(r)).toEqual(['grid-alignment', 'extent']);
    expect(byId(r, 'grid-alignment').detail).toBe(
      'origin (4760005, 2789995) is not on a multiple of 10 m; align it: gdalwarp -tr 10 10 -tap',
    );
    expect(byId(r, 'extent').detail).toMatch(
      /reaches outside production unit 10kmE476N278 \(4760000, 2780000 – 4770000, 2790000\)/,
    );
  });

  it('a class value 42 fails class-values with its pixel count', async () => {
    const r = await qc(f('value42.tif'));
    // The attribute table, in the packages' layout, has rows for legend classes only: none counts the 42s.
    expect(failedIds(r)).toEqual(['class-values', 'rat']);
    expect(byId(r, 'rat').detail).toMatch(/value 42 counts nothing, the pixels 1500/);
    expect(byId(r, 'class-values').detail).toBe(
      'values outside the legend (1–11, 254 outside area, 255 no data): 42 (1500 pixels)',
    );
    expect(r.classes.find((c) => c.code === 42)).toMatchObject({ pixels: 1500, name: 'value 42' });
  });

  it('no-data 0 fails nodata', async () => {
    const r = await qc(f('nodata0.tif'));
    expect(failedIds(r)).toEqual(['nodata']);
    expect(byId(r, 'nodata').detail).toMatch(/^no-data is 0; the product uses 255/);
  });

  it('an attribute table must count exactly: the package’s own RAT passes, one wrong count fails rat', async () => {
    fs.copyFileSync(good, f('rat.tif'));
    const { '255': _nodata, ...byValue } = writeNumpyRat(f('rat.tif'));
    const counts = Object.fromEntries(Object.entries(byValue).map(([v, n]) => [Number(v), n]));
    const ok = await qc(f('rat.tif'));
    expect(byId(ok, 'rat')).toMatchObject({
      passed: true,
      detail: expect.stringMatching(/^raster attribute table: \d+ rows, counts exact$/),
    });
    const first = Number(Object.keys(counts)[0]);
    fs.copyFileSync(good, f('badrat.tif'));
    fs.writeFileSync(f('badrat.tif.aux.xml'), ratAuxXml({ ...counts, [first]: counts[first]! + 1 }));
    const bad = await qc(f('badrat.tif'));
    expect(failedIds(bad)).toEqual(['rat']);
    fs.copyFileSync(good, f('norat.tif'));
    const none = await qc(f('norat.tif'));
    expect(failedIds(none)).toEqual(['rat']);
    expect(byId(none, 'rat').detail).toMatch(/^no attribute table: a delivered class raster carries one/);
    expect(byId(bad, 'rat').detail).toBe(
      `raster attribute table: value ${first} counts ${counts[first]! + 1}, the pixels ${counts[first]}`,
    );
  });

  it('not a GeoTIFF, or not readable at all, fails readable', async () => {
    run('gdal_translate', ['-q', '-of', 'PNG', good, f('unit.png')]);
    expect(byId(await qc(f('unit.png')), 'readable')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/a PNG file, not a GeoTIFF/),
    });
    fs.writeFileSync(f('broken.tif'), 'not a tiff');
    const r = await qc(f('broken.tif'));
    expect(r.checks).toHaveLength(1);
    expect(byId(r, 'readable')).toMatchObject({ passed: false, detail: expect.stringMatching(/^cannot read .*broken\.tif/) });
  });

  it('the store group passes, with its metadata; exported from the store with gdal_translate, the file passes too', async () => {
    const storeDir = path.join(dir, 'store');
    await ingestRaster({ db: t.db, storeDir }, { file: good, product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
    const s = await checkStoreGroup(
      { db: t.db, storeDir },
      { productCode: 'clcplus_raster', product: 'raster', unit: UNIT, referenceYear: 2021 },
    );
    expect(failedIds(s)).toEqual([]);
    expect(byId(s, 'rat')).toMatchObject({ passed: true, detail: expect.stringMatching(/^a store group: no attribute table/) });
    expect(byId(s, 'metadata').detail).toBe('production unit 10kmE476N278, reference year 2021');
    expect(s.classes).toEqual((await qc(good)).classes);
    const g = await findGroup(t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
    run('gdal_translate', ['-q', '-of', 'GTiff', `NETCDF:"${path.join(storeDir, g!.filePath)}":landcover`, f('exported.tif')]);
    writeNumpyRat(f('exported.tif'));
    const e = await qc(f('exported.tif'));
    expect(failedIds(e)).toEqual([]);
    expect(byId(e, 'metadata').passed).toBe(true);
    // Declared for another unit: metadata fails.
    const other = await checkRasterFile({ db: t.db }, { file: f('exported.tif'), unit: '10kmE476N278', referenceYear: 2020 });
    expect(byId(other, 'metadata')).toMatchObject({
      passed: false,
      detail: 'the metadata declares reference year 2021, not 2020',
    });
    const missing = await checkStoreGroup(
      { db: t.db, storeDir },
      { productCode: 'clcplus_raster', product: 'raster', unit: '10kmE999N999', referenceYear: 2021 },
    );
    expect(missing).toMatchObject({
      passed: false,
      checks: [{ id: 'store-group', detail: 'clcplus_raster 2021 has no group 10kmE999N999' }],
    });
  });
});

describe('QC of a vector file', () => {
  const square = (x: number, y: number, s: number) => [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ];
  /** A GeoPackage from GeoJSON features in EPSG:3035 (optionally reprojected by ogr2ogr). */
  function gpkg(name: string, features: { cls: number; ring: number[][][] }[], tSrs?: string) {
    const geojson = f(`${name}.geojson`);
    fs.writeFileSync(
      geojson,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3035' } },
        features: features.map((x) => ({
          type: 'Feature',
          properties: { class: x.cls },
          geometry: { type: 'Polygon', coordinates: x.ring },
        })),
      }),
    );
    const out = f(`${name}.gpkg`);
    run('ogr2ogr', ['-q', '-f', 'GPKG', ...(tSrs ? ['-t_srs', tSrs] : []), '-nln', name, out, geojson]);
    return out;
  }
  const features = [
    { cls: 1, ring: square(4_761_000, 2_781_000, 1000) },
    { cls: 1, ring: square(4_763_000, 2_781_000, 500) },
    { cls: 5, ring: square(4_765_000, 2_785_000, 2000) },
  ];
  const vqc = (file: string) => checkVectorFile({ db: t.db }, { file, unit: UNIT, referenceYear: 2021 });

  it('a good GeoPackage passes; polygons and km² per class as SQLite computes them', async () => {
    const file = gpkg('good', features);
    const r = await vqc(file);
    expect(failedIds(r)).toEqual([]);
    const sql = execFileSync('ogrinfo', [
      '-q',
      '-dialect',
      'SQLite',
      '-sql',
      'select class, count(*) as n, sum(ST_Area(geom)) as area from good group by class order by class',
      file,
    ]).toString();
    const rows = [
      ...sql.matchAll(/class \(Integer(?:64)?\) = (\d+)\s+n \(Integer(?:64)?\) = (\d+)\s+area \(Real\) = ([\d.e+]+)/g),
    ].map((m) => ({ code: Number(m[1]), polygons: Number(m[2]), areaKm2: Number(m[3]) / 1e6 }));
    expect(rows).toHaveLength(2);
    expect(r.classes.map(({ code, polygons, areaKm2 }) => ({ code, polygons, areaKm2 }))).toEqual(
      rows.map((x) => ({ ...x, areaKm2: expect.closeTo(x.areaKm2, 9) })),
    );
  });

  it('EPSG:4326 fails crs; class 42 fails class-values', async () => {
    const wgs = await vqc(gpkg('wgs', features, 'EPSG:4326'));
    expect(byId(wgs, 'crs')).toMatchObject({ passed: false, detail: 'EPSG:4326; reproject: ogr2ogr -t_srs EPSG:3035' });
    const c42 = await vqc(gpkg('c42', [...features, { cls: 42, ring: square(4_768_000, 2_788_000, 100) }]));
    expect(failedIds(c42)).toEqual(['class-values']);
    expect(byId(c42, 'class-values').detail).toMatch(/^classes outside 1–11: 42 \(1 features, fids 4\)$/);
  });
});
