/**
 * Demo data: the synthetic landscape written as one GeoTIFF per production unit (named like the product files,
 * CLMS_CLCplus_RASTER_2021_010m_<unit>_03035_V1_1.tif), units and sub-production units in the database, and each
 * file ingested into the store through the ingestion function the CLI uses; the vector product derived from each
 * unit by sieving and polygonizing (polygonize-unit.ts), ingested as clcplus_vector. Deterministic for a seed.
 * The large variant is one 20,000 × 20,000 GeoTIFF ingested as a single group, for benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '~/db/client';
import { PIXEL_SIZE, type Grid } from '../grid';
import { ingestRaster } from '../ingest-raster';
import { CLASSES } from '../legend';
import { ingestVector } from '../vector-store';
import { polygonizeUnit } from './polygonize-unit';
import { loadUnits } from '../load-units';
import { cells, DEMO_AREAS, VIENNA_3035, type DemoSize } from './demo-areas';
import { createLandscape } from './landscape';
import { writeGeoTiff } from './write-geotiff';

/** Work done so far (pixels generated + pixels ingested) out of the total (twice the pixels). */
const CLASS_CODES = new Set(CLASSES.map((c) => c.code));

export type DemoProgress = (done: number, total: number, label: string) => void;

export async function makeDemoData(
  deps: { db: Database; storeDir: string; workDir: string },
  opts: { size: DemoSize; seed?: number; onProgress?: DemoProgress },
): Promise<{ files: string[]; units: number; product: string; year: number; pixels: number; features: number }> {
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
  let features = 0;
  const vectorDir = path.join(deps.workDir, opts.size, 'vector');
  fs.mkdirSync(vectorDir, { recursive: true });
  const totalPx = tiles.reduce(
    (s, t) => s + ((t.bounds.maxX - t.bounds.minX) / PIXEL_SIZE) * ((t.bounds.maxY - t.bounds.minY) / PIXEL_SIZE),
    0,
  );
  for (const t of tiles) {
    const grid: Grid = {
      x0: t.bounds.minX,
      y0: t.bounds.maxY,
      width: (t.bounds.maxX - t.bounds.minX) / 10,
      height: (t.bounds.maxY - t.bounds.minY) / 10,
      pixelSize: PIXEL_SIZE,
    };
    const file = path.join(dir, `CLMS_CLCplus_RASTER_${area.year}_010m_${t.name}_03035_V1_1.tif`);
    const rowBuf = new Uint8Array(grid.width);
    await writeGeoTiff(file, grid, (row, rows, out) => {
      for (let r = 0; r < rows; r++) {
        landscape.row(grid.x0, grid.y0 - 10 * (row + r) - 5, rowBuf);
        out.set(rowBuf, r * grid.width);
      }
      opts.onProgress?.(2 * pixels + (row + rows) * grid.width, 2 * totalPx, t.name);
    });
    await ingestRaster(deps, {
      file,
      product: area.product,
      referenceYear: area.year,
      group: t.name,
      onProgress: (done, total) =>
        opts.onProgress?.(2 * pixels + grid.width * grid.height * (1 + done / total), 2 * totalPx, t.name),
    });
    pixels += grid.width * grid.height;
    files.push(file);
    if (area.split) {
      const gpkg = path.join(vectorDir, `CLMS_CLCplus_VECTOR_${area.year}_${t.name}_03035_V1_1.gpkg`);
      fs.rmSync(gpkg, { force: true });
      features += await polygonizeUnit(file, gpkg);
      await ingestVector(deps, {
        product: 'clcplus_vector',
        referenceYear: area.year,
        group: t.name,
        file: gpkg,
        allowedValues: CLASS_CODES,
      });
    }
  }
  return { files, units: tiles.length, product: area.product, year: area.year, pixels, features };
}
