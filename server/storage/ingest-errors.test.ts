/**
 * Bad input is refused with a message that says what is wrong and how to fix it, and leaves the store and the
 * database exactly as they were; a killed ingestion leaves the previous version readable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { landscapeTiff, readAll, run, sha256, storeSnapshot, useTempDir } from '~/test/geo';
import { spawnTsx } from '~/test/spawn';
import { writeGeoTiff } from './demo/write-geotiff';
import type { Grid } from './grid';
import { ingestRaster } from './ingest-raster';
import { readRasterByGroup } from './read-raster';
import { StoreError } from './store-error';

const t = useTestDatabase();
const tmp = useTempDir();
const storeDir = path.join(tmp, 'store');
const deps = () => ({ db: t.db, storeDir });
const grid: Grid = { x0: 4_790_000, y0: 2_820_000, width: 200, height: 150, pixelSize: 10 };
let good: string;
let goodSha: string;

beforeAll(async () => {
  good = await landscapeTiff(path.join(tmp, 'good.tif'), grid, 3);
  goodSha = sha256(readAll(good).data);
  await ingestRaster(deps(), { file: good, product: 'clcplus_raster', referenceYear: 2021, group: 'u1' });
});

const state = async () => ({
  files: storeSnapshot(storeDir),
  rows: await t.db.execute(
    sql`select product_id, group_name, file_path, sha256, ST_AsText(extent) as extent from store_groups order by id`,
  ),
  products: await t.db.execute(sql`select code, reference_year from products order by id`),
});

async function refusal(file: string, group = 'u1'): Promise<StoreError> {
  const before = await state();
  let error: unknown;
  try {
    await ingestRaster(deps(), { file, product: 'clcplus_raster', referenceYear: 2021, group });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect(await state()).toEqual(before); // nothing changed, on disk or in the database
  const still = await readRasterByGroup(deps(), { product: 'clcplus_raster', referenceYear: 2021, group: 'u1' });
  expect(sha256(still.data)).toBe(goodSha);
  return error as StoreError;
}

const derived = (name: string, tool: string, args: string[]) => {
  const out = path.join(tmp, name);
  run(tool, [...args, good, out]);
  return out;
};

describe('ingestion refuses', () => {
  it('a wrong CRS, saying how to reproject', async () => {
    const e = await refusal(derived('wrongcrs.tif', 'gdal_translate', ['-q', '-a_srs', 'EPSG:32633']));
    expect(e.storeReason).toBe('CRS_MISMATCH');
    expect(e.detail).toMatch(/has EPSG:32633; the product is in EPSG:3035 .* gdalwarp -t_srs EPSG:3035/);
  });

  it('a grid not on the 10 m raster', async () => {
    const e = await refusal(
      derived('shifted.tif', 'gdal_translate', ['-q', '-a_ullr', '4790005', '2820000', '4792005', '2818500']),
    );
    expect(e.storeReason).toBe('GRID_MISALIGNED');
    expect(e.detail).toMatch(/starts at \(4790005, 2820000\), not on the 10 m grid/);
  });

  it('another pixel size', async () => {
    const e = await refusal(derived('20m.tif', 'gdalwarp', ['-q', '-tr', '20', '20', '-r', 'near']));
    expect(e.storeReason).toBe('PIXEL_SIZE_MISMATCH');
    expect(e.detail).toMatch(/20 × 20 m pixels; the product has 10 m pixels/);
  });

  it('another data type', async () => {
    const e = await refusal(derived('uint16.tif', 'gdal_translate', ['-q', '-ot', 'UInt16']));
    expect(e.storeReason).toBe('DTYPE_MISMATCH');
    expect(e.detail).toMatch(/8-bit unsigned.*gdal_translate -ot Byte/);
  });

  it('values that are not CLC+ classes, naming them with their pixel counts', async () => {
    const file = path.join(tmp, 'badvalues.tif');
    await writeGeoTiff(file, grid, (row, rows, out) => {
      for (let i = 0; i < out.length; i++) out[i] = row + Math.floor(i / grid.width) < 10 ? 42 : 7;
    });
    const e = await refusal(file);
    expect(e.storeReason).toBe('INVALID_VALUES');
    expect(e.detail).toMatch(/values that are not CLC\+ classes 1–11, 254 outside area, 255 no data: 42 \(2000 pixels\)/);
  });

  it('a truncated file', async () => {
    const file = path.join(tmp, 'truncated.tif');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const e = await refusal(file);
    expect(e.storeReason).toBe('UNREADABLE_FILE');
  });

  it('a file that is not a GeoTIFF', async () => {
    const file = path.join(tmp, 'not.tif');
    fs.writeFileSync(file, 'this is not a raster\n');
    expect((await refusal(file)).storeReason).toBe('UNREADABLE_FILE');
  });

  it('a unit that overlaps another unit of the product', async () => {
    const overlapping = path.join(tmp, 'overlap.tif');
    await landscapeTiff(overlapping, { ...grid, x0: grid.x0 + 500 }, 4);
    const e = await refusal(overlapping, 'u2');
    expect(e.storeReason).toBe('OVERLAPPING_UNITS');
    expect(e.detail).toMatch(/unit u2 overlaps u1/);
  });

  it('reading an unknown group', async () => {
    await expect(
      readRasterByGroup(deps(), { product: 'clcplus_raster', referenceYear: 2021, group: 'nope' }),
    ).rejects.toMatchObject({
      storeReason: 'UNKNOWN_GROUP',
      status: 404,
    });
  });
});

describe('a crash during ingestion', () => {
  it('leaves the previous version readable; the next ingestion cleans up', async () => {
    // A large replacement for u1 (4000 × 3000 px), so the kill lands in the middle of writing it.
    const big = path.join(tmp, 'big.tif');
    run('gdal_translate', [
      '-q',
      '-outsize',
      '2000%',
      '2000%',
      '-r',
      'nearest',
      '-a_ullr',
      String(grid.x0),
      String(grid.y0),
      String(grid.x0 + 40000),
      String(grid.y0 - 30000),
      '-co',
      'COMPRESS=DEFLATE',
      good,
      big,
    ]);
    const child = spawnTsx('scripts/ingest.ts', { DATABASE_URL: t.url, STORE_DIR: storeDir }, [
      '--year',
      '2021',
      '--unit',
      'u1',
      big,
    ]);
    await child.waitFor(/\] +[2-8]\d%/, 60_000);
    child.child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const after = await readRasterByGroup(deps(), { product: 'clcplus_raster', referenceYear: 2021, group: 'u1' });
    expect(sha256(after.data)).toBe(goodSha);
    expect(after.grid.width).toBe(200);
    expect(storeSnapshot(storeDir).some((f) => f.endsWith('.partial'))).toBe(true); // the killed write, never read

    const again = await ingestRaster(deps(), { file: big, product: 'clcplus_raster', referenceYear: 2021, group: 'u1' });
    expect(again.grid).toMatchObject({ width: 4000, height: 3000 });
    expect(storeSnapshot(storeDir).filter((f) => f.endsWith('.partial') || f.endsWith('.nc'))).toEqual([
      expect.stringMatching(/^clcplus_raster\/2021\/u1\.\w+\.nc$/),
    ]);
  });
});
