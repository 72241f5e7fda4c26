/**
 * A nation's raster has two paths: warped in memory (the fast one, up to NATION_IN_MEMORY_MAX_PIXELS source pixels)
 * and, beyond, warped by GDAL to a tiled file and written to the COG from it (bounded memory, any size). Both must
 * give the same pixels on the same grid; here on the tiny demo store (central Vienna) cut by a polygon, in
 * EPSG:31287 (Austria Lambert).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { useTempDir } from '~/test/geo';
import gdal from '../geo/gdal';
import { makeDemoData } from '../storage/demo/make-demo-data';
import { extractRasterNation } from './extract-raster';

const t = useTestDatabase();
const tmp = useTempDir('clcplus-nation-');
const storeDir = path.join(tmp, 'store');
const ctx = { signal: new AbortController().signal, progress: async () => {} };

// A pentagon over the tiny store (EPSG:3035 x 4,780–4,800 km, y 2,800–2,820 km), partly outside it.
const BOUNDARY = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [16.25, 48.1],
      [16.55, 48.12],
      [16.6, 48.3],
      [16.4, 48.36],
      [16.22, 48.25],
      [16.25, 48.1],
    ],
  ],
};

beforeAll(async () => {
  await makeDemoData({ db: t.db, storeDir, workDir: path.join(tmp, 'demo') }, { size: 'tiny' });
}, 120_000);

describe('a nation warped in memory and through a file', () => {
  it('gives the same pixels on the same grid, as a COG', async () => {
    const base = { productCode: 'clcplus_raster', year: 2021, boundary: BOUNDARY, epsg: 31287 };
    const deps = { db: t.db, storeDir };
    const mem = await extractRasterNation(deps, { ...base, file: path.join(tmp, 'mem.tif'), workDir: tmp }, ctx);
    const viaFile = await extractRasterNation(
      deps,
      { ...base, file: path.join(tmp, 'file.tif'), workDir: path.join(tmp), inMemoryMaxPixels: 0 },
      ctx,
    );
    expect(viaFile.timings).toHaveProperty('warpToFile'); // the file path ran
    expect(mem.timings).not.toHaveProperty('warpToFile');
    expect([viaFile.width, viaFile.height]).toEqual([mem.width, mem.height]);
    expect(viaFile.bounds).toEqual(mem.bounds);
    expect(viaFile.counts).toEqual(mem.counts);
    const a = gdal.open(mem.file);
    const b = gdal.open(viaFile.file);
    try {
      expect(a.srs?.getAuthorityCode(null)).toBe('31287');
      expect(a.getMetadata('IMAGE_STRUCTURE').LAYOUT).toBe('COG');
      expect(b.getMetadata('IMAGE_STRUCTURE').LAYOUT).toBe('COG');
      const pa = a.bands.get(1).pixels.read(0, 0, mem.width, mem.height) as Uint8Array;
      const pb = b.bands.get(1).pixels.read(0, 0, mem.width, mem.height) as Uint8Array;
      let differ = 0;
      for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) differ++;
      expect(differ).toBe(0);
      expect(pa.some((v) => v < 254)).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });
});
