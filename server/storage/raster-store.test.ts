/**
 * The raster store against tools nobody here wrote: ncdump, gdalinfo, gdal_translate -projwin, gdalbuildvrt,
 * gdal_rasterize, and Debian's python3 netCDF4/xarray/GDAL. Round trips are bit-exact.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { landscapeTiff, readAll, run, sha256, useTempDir } from '~/test/geo';
import { findGroup, listGroups } from './find-groups';
import type { Grid } from './grid';
import { ingestRaster } from './ingest-raster';
import { readCubeInfo } from './raster-cube';
import { readRasterByBounds, readRasterByGroup, type ReadPath } from './read-raster';

const t = useTestDatabase();
const tmp = useTempDir();
const storeDir = path.join(tmp, 'store');
const deps = () => ({ db: t.db, storeDir });
const PRODUCT = 'clcplus_raster';
const YEAR = 2021;

// Two adjacent units, 3 km × 2 km each, like production units side by side.
const gridA: Grid = { x0: 4_800_000, y0: 2_812_000, width: 300, height: 200, pixelSize: 10 };
const gridB: Grid = { ...gridA, x0: gridA.x0 + 3000 };
let tifA: string;
let tifB: string;

beforeAll(async () => {
  tifA = await landscapeTiff(path.join(tmp, 'unitA.tif'), gridA, 11);
  tifB = await landscapeTiff(path.join(tmp, 'unitB.tif'), gridB, 11);
  await ingestRaster(deps(), { file: tifA, product: PRODUCT, referenceYear: YEAR, group: 'unitA' });
  await ingestRaster(deps(), { file: tifB, product: PRODUCT, referenceYear: YEAR, group: 'unitB' });
});

const cubeOf = async (group: string) =>
  path.join(storeDir, (await findGroup(t.db, { product: PRODUCT, referenceYear: YEAR, group }))!.filePath);

describe('files written by the store', () => {
  it('are netCDF-4 with CF attributes, chunking and deflate (ncdump)', async () => {
    const file = await cubeOf('unitA');
    expect(run('ncdump', ['-k', file]).trim()).toBe('netCDF-4');
    const header = run('ncdump', ['-hs', file]);
    for (const needle of [
      'ubyte landcover(time, y, x)',
      'landcover:_FillValue = 255UB',
      'landcover:grid_mapping = "crs"',
      'landcover:_ChunkSizes = 1, 200, 256',
      'landcover:_DeflateLevel = 4',
      'landcover:flag_values = 1UB, 2UB, 3UB',
      'landcover:flag_meanings = "sealed woody_needle_leaved_trees',
      'crs:grid_mapping_name = "lambert_azimuthal_equal_area"',
      'crs:false_easting = 4321000.',
      'x:standard_name = "projection_x_coordinate"',
      'time:units = "days since 1970-01-01 00:00:00"',
      ':Conventions = "CF-1.8"',
      ':reference_year = 2021',
      ':_Format = "netCDF-4"',
    ]) {
      expect(header).toContain(needle);
    }
  });

  it('open in GDAL with EPSG:3035, the source origin and 10 m pixels, nodata 255 (gdalinfo)', async () => {
    const info = JSON.parse(run('gdalinfo', ['-json', `NETCDF:"${await cubeOf('unitA')}":landcover`]));
    const source = JSON.parse(run('gdalinfo', ['-json', tifA]));
    expect(info.geoTransform).toEqual(source.geoTransform);
    expect(info.geoTransform).toEqual([4_800_000, 10, 0, 2_812_000, 0, -10]);
    expect(info.size).toEqual([300, 200]);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",3035\]\]$/);
    expect(info.bands[0].noDataValue).toBe(255);
    expect(info.bands[0].type).toBe('Byte');
  });

  it('read in python3 netCDF4 and xarray: coordinates, CRS and every value match the source', async () => {
    const out = execFileSync('/usr/bin/python3', ['test/python/check_cube.py', await cubeOf('unitA'), tifA, 'landcover'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      ok: true,
      format: 'NETCDF4',
      dims: ['time', 'y', 'x'],
      dtype: 'uint8',
      crs_epsg: '3035',
      chunking: [1, 200, 256],
      deflate: true,
      values_equal: true,
      time: ['2021-01-01'],
      shape: [200, 300],
    });
  });
});

describe.each<ReadPath>(['h5wasm', 'gdal'])('reading through %s', (via) => {
  it('by group: identical pixels and georeferencing to the source', async () => {
    const r = await readRasterByGroup(deps(), { product: PRODUCT, referenceYear: YEAR, group: 'unitA', via });
    const src = readAll(tifA);
    expect([r.grid.x0, r.grid.y0, r.grid.width, r.grid.height]).toEqual([
      src.geoTransform[0],
      src.geoTransform[3],
      src.width,
      src.height,
    ]);
    expect(sha256(r.data)).toBe(sha256(src.data));
  });

  it('by bounds across two groups: identical to gdal_translate -projwin of the sources', async () => {
    const vrt = path.join(tmp, `ab-${via}.vrt`);
    run('gdalbuildvrt', ['-q', vrt, tifA, tifB]);
    const win = { minX: 4_801_230, minY: 2_810_470, maxX: 4_804_510, maxY: 2_811_720 }; // straddles A and B, not aligned
    const cut = path.join(tmp, `cut-${via}.tif`);
    // -projwin with the window snapped outward to the 10 m grid, as the store does.
    run('gdal_translate', ['-q', '-projwin', '4801230', '2811720', '4804510', '2810470', vrt, cut]);
    const expected = readAll(cut);
    const r = await readRasterByBounds(deps(), { product: PRODUCT, referenceYear: YEAR, bounds: win, via });
    expect(r.groups).toEqual(['unitA', 'unitB']);
    expect([r.grid.x0, r.grid.y0, r.grid.width, r.grid.height]).toEqual([
      expected.geoTransform[0],
      expected.geoTransform[3],
      expected.width,
      expected.height,
    ]);
    expect(sha256(r.data)).toBe(sha256(expected.data));
  });

  it('by polygon: the mask matches gdal_rasterize and pixels outside are 255', async () => {
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [4_801_000, 2_810_300],
          [4_805_200, 2_810_900],
          [4_802_500, 2_811_900],
          [4_801_000, 2_810_300],
        ],
      ],
    };
    const r = await readRasterByBounds(deps(), { product: PRODUCT, referenceYear: YEAR, polygon, via });
    const geojson = path.join(tmp, `poly-${via}.geojson`);
    (await import('node:fs')).writeFileSync(
      geojson,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3035' } },
        features: [{ type: 'Feature', properties: {}, geometry: polygon }],
      }),
    );
    const maskTif = path.join(tmp, `mask-${via}.tif`);
    run('gdal_rasterize', [
      '-q',
      '-burn',
      '1',
      '-ot',
      'Byte',
      '-init',
      '0',
      '-te',
      String(r.grid.x0),
      String(r.grid.y0 - r.grid.height * 10),
      String(r.grid.x0 + r.grid.width * 10),
      String(r.grid.y0),
      '-tr',
      '10',
      '10',
      geojson,
      maskTif,
    ]);
    const expectedMask = readAll(maskTif).data;
    expect(sha256(r.mask!)).toBe(sha256(expectedMask));
    const inside = r.mask!.reduce((n, m) => n + m, 0);
    expect(inside).toBeGreaterThan(10_000);
    expect(r.data.every((v, i) => (r.mask![i] ? v !== 255 : v === 255))).toBe(true);
  });
});

describe('groups and time steps', () => {
  it('lists groups and indexes their extents in PostGIS', async () => {
    const groups = await listGroups(t.db, { product: PRODUCT, referenceYear: YEAR });
    expect(groups.map((g) => [g.groupName, g.bounds])).toEqual([
      ['unitA', { minX: 4_800_000, minY: 2_810_000, maxX: 4_803_000, maxY: 2_812_000 }],
      ['unitB', { minX: 4_803_000, minY: 2_810_000, maxX: 4_806_000, maxY: 2_812_000 }],
    ]);
  });

  it('upserts a time step: a new date is added, the other kept', async () => {
    const later = path.join(tmp, 'unitA-2022.tif');
    await landscapeTiff(later, gridA, 99);
    await ingestRaster(deps(), {
      file: later,
      product: PRODUCT,
      referenceYear: YEAR,
      group: 'unitA',
      date: new Date('2022-06-30T00:00:00Z'),
    });
    const info = await readCubeInfo(await cubeOf('unitA'));
    expect(info.times.map((d) => d.toISOString().slice(0, 10))).toEqual(['2021-01-01', '2022-06-30']);
    const old = await readRasterByGroup(deps(), {
      product: PRODUCT,
      referenceYear: YEAR,
      group: 'unitA',
      date: new Date('2021-01-01T00:00:00Z'),
    });
    expect(sha256(old.data)).toBe(sha256(readAll(tifA).data));
    const latest = await readRasterByGroup(deps(), { product: PRODUCT, referenceYear: YEAR, group: 'unitA' });
    expect(sha256(latest.data)).toBe(sha256(readAll(later).data));
  });
});

describe('update by bounds', () => {
  it('writes the part of an array inside the bounds into every group it touches, and nothing else', async () => {
    const { updateRasterByBounds } = await import('./update-raster-by-bounds');
    const day = new Date('2021-01-01T00:00:00Z');
    const before = await readRasterByBounds(deps(), {
      product: PRODUCT,
      referenceYear: YEAR,
      bounds: { minX: 4_800_000, minY: 2_810_000, maxX: 4_806_000, maxY: 2_812_000 },
      date: day,
    });
    const grid: Grid = { x0: 4_802_000, y0: 2_811_500, width: 200, height: 100, pixelSize: 10 }; // across A and B
    const data = new Uint8Array(grid.width * grid.height).fill(10); // water
    const bounds = { minX: 4_802_500, minY: 2_810_600, maxX: 4_803_600, maxY: 2_811_300 };
    const r = await updateRasterByBounds(deps(), {
      product: PRODUCT,
      referenceYear: YEAR,
      bounds,
      grid,
      data,
      date: new Date('2021-01-01T00:00:00Z'),
    });
    expect(r).toEqual({ groups: ['unitA', 'unitB'], pixels: 110 * 70 });
    const after = await readRasterByBounds(deps(), {
      product: PRODUCT,
      referenceYear: YEAR,
      bounds: { minX: 4_800_000, minY: 2_810_000, maxX: 4_806_000, maxY: 2_812_000 },
      date: new Date('2021-01-01T00:00:00Z'),
    });
    let changedInside = 0;
    for (let i = 0; i < after.data.length; i++) {
      const x = after.grid.x0 + (i % after.grid.width) * 10 + 5;
      const y = after.grid.y0 - Math.floor(i / after.grid.width) * 10 - 5;
      const inside = x > bounds.minX && x < bounds.maxX && y > bounds.minY && y < bounds.maxY;
      if (inside) {
        expect(after.data[i]).toBe(10);
        changedInside++;
      } else {
        expect(after.data[i]).toBe(before.data[i]);
      }
    }
    expect(changedInside).toBe(110 * 70);
  });
});
