/**
 * Ingests one production unit's GeoTIFF (classes, confidence or data score) into the product store:
 *   1. check the file (inspect-geotiff.ts) — nothing is written when it is refused;
 *   2. copy its pixels into a new netCDF cube beside the current one, checking every value on the way, and keeping
 *      the group's other time steps (upsert by time step);
 *   3. record the new file and extent in PostGIS in one transaction, then delete the old file.
 * A crash at any point leaves the previous version readable: the catalogue points to the old file until the commit,
 * and a half-written file is only ever a `.partial` that nothing reads (removed by the next ingestion).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '~/db/client';
import { gridBounds, type Grid } from './grid';
import { h5, type H5Dataset } from './h5';
import { inspectGeoTiff, openGeoTiff } from './inspect-geotiff';
import { LEGEND, NODATA } from './legend';
import { readCubeInfo, writeRasterCube, type LayerKind } from './raster-cube';
import { StoreError } from './store-error';
import { GROUP_NAME, productDir, versionedFile } from './store-paths';
import { commitGroupFile } from './upsert-store-group';
import { valueCounter, type ValueCounter } from './count-values';
import { findGroup } from './find-groups';

export type IngestRasterInput = {
  file: string;
  product: string;
  referenceYear: number;
  group: string;
  kind?: LayerKind;
  /** Date of the time step (default: 1 January of the reference year). */
  date?: Date;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

export type IngestResult = {
  group: string;
  filePath: string;
  grid: Grid;
  bytes: number;
  sha256: string;
  histogram: Record<number, number>;
  replaced: boolean;
};

const TITLES: Record<LayerKind, string> = {
  classes: 'CLC+ Backbone raster',
  confidence: 'CLC+ Backbone classification confidence',
  data_score: 'CLC+ Backbone data score',
};
const VARIABLES: Record<LayerKind, string> = { classes: 'landcover', confidence: 'confidence', data_score: 'data_score' };

function allowedValues(kind: LayerKind): boolean[] {
  const ok = new Array<boolean>(256).fill(false);
  if (kind === 'classes') for (const c of LEGEND) ok[c.code] = true;
  else for (let v = 0; v <= 100; v++) ok[v] = true;
  ok[NODATA] = true;
  return ok;
}

export async function ingestRaster(deps: { db: Database; storeDir: string }, input: IngestRasterInput): Promise<IngestResult> {
  const kind = input.kind ?? 'classes';
  if (!GROUP_NAME.test(input.group))
    throw new StoreError('UNKNOWN_GROUP', `group name "${input.group}": use letters, digits, _ and - (e.g. 10kmE480N280)`);
  const date = input.date ?? new Date(Date.UTC(input.referenceYear, 0, 1));
  const ds = openGeoTiff(input.file);
  const tmpFiles: string[] = [];
  let counter: ValueCounter | undefined;
  try {
    const grid = inspectGeoTiff(ds, input.file);
    const band = ds.bands.get(1);

    // The group's current version: keep its other time steps when the grid is the same.
    const existing = await findGroup(deps.db, { product: input.product, referenceYear: input.referenceYear, group: input.group });
    let keep: { file: string; times: Date[] } | null = null;
    if (existing) {
      const info = await readCubeInfo(path.join(deps.storeDir, existing.filePath));
      const others = info.times.filter((t) => t.getTime() !== date.getTime());
      const sameGrid = JSON.stringify(info.grid) === JSON.stringify(grid);
      if (others.length && !sameGrid) {
        throw new StoreError(
          'GRID_MISALIGNED',
          `unit ${input.group} holds other dates on a different grid; the new file must cover exactly ${JSON.stringify(gridBounds(info.grid))}`,
        );
      }
      if (others.length) keep = { file: path.join(deps.storeDir, existing.filePath), times: info.times };
    }
    // Epoch milliseconds compared as numbers (a bare sort() compares them as strings).
    const times = keep
      ? [...new Set([...keep.times, date].map((d) => d.getTime()))].sort((a, b) => a - b).map((t) => new Date(t))
      : [date];
    const newIndex = times.findIndex((t) => t.getTime() === date.getTime());

    const rel = versionedFile(input.product, input.referenceYear, input.group, 'nc');
    const final = path.join(deps.storeDir, rel);
    const partial = `${final}.partial`;
    fs.mkdirSync(path.dirname(final), { recursive: true });
    removeStalePartials(path.dirname(final), input.group);
    tmpFiles.push(partial, final);

    const allowed = allowedValues(kind);
    counter = valueCounter();
    // Read-ahead: GDAL decodes the next row block on the thread pool while this thread checks and compresses the
    // current one (h5wasm's deflate runs here): both cores instead of one after the other.
    const readRows = (row: number, rows: number) => {
      const px = band.pixels.readAsync(0, row, grid.width, rows) as Promise<Uint8Array>;
      px.catch(() => {}); // awaited by readBlock, or settled in `finally` if the write stopped first
      return { row, rows, px };
    };
    // The block h5wasm wrote last: handed to the counter (moved, not copied) once the writer asks for the next one.
    const next: { block: ReturnType<typeof readRows> | null; written: Uint8Array | null } = { block: null, written: null };
    const h5wasm = await h5();
    const old = keep ? new h5wasm.File(keep.file, 'r') : null;
    try {
      const oldVar = old ? (old.get(VARIABLES[kind]) as H5Dataset) : null;
      await writeRasterCube(partial, {
        grid,
        times,
        meta: {
          product: input.product,
          title: `${TITLES[kind]} ${input.referenceYear}, production unit ${input.group}`,
          referenceYear: input.referenceYear,
          group: input.group,
          variable: VARIABLES[kind],
          kind,
          source: path.basename(input.file),
          history: `${new Date().toISOString()} ingested from ${path.basename(input.file)} by clcplus-backbone`,
        },
        signal: input.signal,
        onProgress: input.onProgress,
        readBlock: async (t, row, rows) => {
          if (t !== newIndex) {
            const oldT = keep!.times.findIndex((d) => d.getTime() === times[t]!.getTime());
            return oldVar!.slice([
              [oldT, oldT + 1],
              [row, row + rows],
              [0, grid.width],
            ]) as Uint8Array;
          }
          const b = next.block;
          const mine = b?.row === row && b.rows === rows ? b : readRows(row, rows);
          const after = row + rows;
          next.block = after < grid.height ? readRows(after, Math.min(rows, grid.height - after)) : null;
          const px = await mine.px;
          if (next.written) counter!.add(next.written, { move: true });
          next.written = px;
          return px;
        },
      });
    } finally {
      old?.close();
      await next.block?.px.catch(() => {}); // no read in flight when the dataset closes
    }
    if (next.written) counter.add(next.written, { move: true });
    const histogram = await counter.done();
    const bad = [...histogram.keys()].filter((v) => histogram[v]! > 0 && !allowed[v]);
    if (bad.length) {
      const list = bad
        .slice(0, 8)
        .map((v) => `${v} (${histogram[v]} pixels)`)
        .join(', ');
      const expected = kind === 'classes' ? 'CLC+ classes 1–11, 254 outside area, 255 no data' : '0–100 and 255 no data';
      throw new StoreError('INVALID_VALUES', `${input.file} contains values that are not ${expected}: ${list}`);
    }
    fs.renameSync(partial, final);
    const { bytes, sha256 } = await commitGroupFile(deps, {
      productCode: input.product,
      referenceYear: input.referenceYear,
      kind: 'raster',
      title: TITLES[kind],
      storeLocation: productDir(input.product, input.referenceYear),
      group: input.group,
      filePath: rel,
      grid,
      extent: gridBounds(grid),
    });
    tmpFiles.length = 0; // committed: keep the new file
    const hist: Record<number, number> = {};
    histogram.forEach((n, v) => n > 0 && (hist[v] = n));
    return { group: input.group, filePath: rel, grid, bytes, sha256, histogram: hist, replaced: !!existing };
  } finally {
    await counter?.close(); // ended by done(); a refused or cancelled ingestion ends it here
    ds.close();
    for (const f of tmpFiles) fs.rmSync(f, { force: true });
  }
}

/** Partial files of a group left by a crashed ingestion. */
function removeStalePartials(dir: string, group: string) {
  for (const f of fs.readdirSync(dir))
    if (f.startsWith(`${group}.`) && f.endsWith('.partial')) fs.rmSync(path.join(dir, f), { force: true });
}
