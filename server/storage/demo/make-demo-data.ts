/**
 * Demo data: the synthetic landscape written as one GeoTIFF per production unit (named like the product files,
 * CLMS_CLCplus_RASTER_2021_010m_<unit>_03035_V1_1.tif), units and sub-production units in the database, and each
 * file ingested into the store through the ingestion function the CLI uses. Deterministic for a seed.
 * The large variant is one 20,000 × 20,000 GeoTIFF ingested as a single group, for benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../db/client';
import type { Grid } from '../grid';
import { ingestRaster } from '../ingest-raster';
import { loadUnits } from '../load-units';
import { cells, DEMO_AREAS, VIENNA_3035, type DemoSize } from './demo-areas';
import { createLandscape } from './landscape';
import { writeGeoTiff } from './write-geotiff';

export type DemoProgress = (stage: 'generate' | 'ingest', done: number, total: number, label: string) => void;

export async function makeDemoData(
  deps: { db: Database; storeDir: string; workDir: string },
  opts: { size: DemoSize; seed?: number; onProgress?: DemoProgress },
): Promise<{ files: string[]; units: number; product: string; year: number; pixels: number }> {
  const area = DEMO_AREAS[opts.size];
  const landscape = createLandscape({ seed: opts.seed ?? 2021, cityX: VIENNA_3035.x, cityY: VIENNA_3035.y, extent: area.extent });
  const dir = path.join(deps.workDir, opts.size, 'raster');
  fs.mkdirSync(dir, { recursive: true });
  const tiles = area.split
    ? cells(area.extent).map((c) => ({ name: c.code, bounds: c.bounds }))
    : [{ name: 'large', bounds: area.extent }];
  if (area.split) await loadUnits(deps.db, area.extent);

  const files: string[] = [];
  let pixels = 0;
  const totalPx = tiles.reduce((s, t) => s + ((t.bounds.maxX - t.bounds.minX) / 10) * ((t.bounds.maxY - t.bounds.minY) / 10), 0);
  for (const t of tiles) {
    const grid: Grid = { x0: t.bounds.minX, y0: t.bounds.maxY, width: (t.bounds.maxX - t.bounds.minX) / 10, height: (t.bounds.maxY - t.bounds.minY) / 10, pixelSize: 10 };
    const file = path.join(dir, `CLMS_CLCplus_RASTER_${area.year}_010m_${t.name}_03035_V1_1.tif`);
    const rowBuf = new Uint8Array(grid.width);
    await writeGeoTiff(file, grid, (row, rows, out) => {
      for (let r = 0; r < rows; r++) {
        landscape.row(grid.x0, grid.y0 - 10 * (row + r) - 5, rowBuf);
        out.set(rowBuf, r * grid.width);
      }
      opts.onProgress?.('generate', pixels + (row + rows) * grid.width, totalPx, t.name);
    });
    await ingestRaster(deps, {
      file,
      product: area.product,
      referenceYear: area.year,
      group: t.name,
      onProgress: (done, total) => opts.onProgress?.('ingest', pixels + (done / total) * grid.width * grid.height, totalPx, t.name),
    });
    pixels += grid.width * grid.height;
    files.push(file);
  }
  return { files, units: tiles.length, product: area.product, year: area.year, pixels };
}
