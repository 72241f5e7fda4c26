/** Test helpers for geodata: fixture GeoTIFFs from the demo landscape, the GDAL command-line tools, checksums. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import gdal from '~/server/geo/gdal';
import { ratAuxXml } from '~/server/packages/write-class-raster';
import { createLandscape } from '~/server/storage/demo/landscape';
import { writeGeoTiff } from '~/server/storage/demo/write-geotiff';
import type { Grid } from '~/server/storage/grid';

export function useTempDir(prefix = 'clcplus-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function landscapeTiff(file: string, grid: Grid, seed = 7): Promise<string> {
  const L = createLandscape({
    seed,
    cityX: grid.x0 + (grid.width * 10) / 2,
    cityY: grid.y0 - (grid.height * 10) / 2,
    extent: { minX: grid.x0 - 20000, minY: grid.y0 - 20000, maxX: grid.x0 + 20000, maxY: grid.y0 + 20000 },
  });
  const row = new Uint8Array(grid.width);
  await writeGeoTiff(file, grid, (r0, rows, out) => {
    for (let r = 0; r < rows; r++) {
      L.row(grid.x0, grid.y0 - 10 * (r0 + r) - 5, row);
      out.set(row, r * grid.width);
    }
  });
  return file;
}

/** Runs a GDAL (or other) command-line tool; returns stdout. */
export const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** All pixels of band 1 of a raster file, read by GDAL. */
export function readAll(file: string): { data: Uint8Array; geoTransform: number[]; width: number; height: number } {
  const ds = gdal.open(file);
  try {
    const { x, y } = ds.rasterSize;
    return { data: ds.bands.get(1).pixels.read(0, 0, x, y) as Uint8Array, geoTransform: ds.geoTransform!, width: x, height: y };
  } finally {
    ds.close();
  }
}

export function storeSnapshot(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

/** Pixel counts by value of a raster's first band, counted by numpy (Debian's Python, not our code). */
export const numpyCounts = (file: string): Record<string, number> =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, json, numpy as np; from osgeo import gdal; a = gdal.Open(sys.argv[1]).ReadAsArray(); ' +
        'v, n = np.unique(a, return_counts=True); print(json.dumps({str(int(x)): int(y) for x, y in zip(v, n)}))',
      file,
    ]).toString(),
  ) as Record<string, number>;

/**
 * Writes beside `file` the raster attribute table a delivered class raster carries (`<file>.aux.xml`, the packages'
 * layout), with each value's pixel count as numpy counts it (not our code). Returns the counts.
 */
export function writeNumpyRat(file: string): Record<string, number> {
  const counts = numpyCounts(file);
  const classes = Object.fromEntries(
    Object.entries(counts)
      .filter(([v]) => v !== '255')
      .map(([v, n]) => [Number(v), n]),
  );
  fs.writeFileSync(`${file}.aux.xml`, ratAuxXml(classes));
  return counts;
}
