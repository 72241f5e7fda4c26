/**
 * Vector class attribution of one sub-production unit (service S15): the polygons intersecting the unit (from a file
 * or the store), the class raster under them (files or the store), per polygon the counts of every raster value with
 * the pixel-centre rule (count-classes.ts), written as a CSV table (attribution-table.ts) and a short Markdown report
 * into `dir`. Input paths are checked against the allowed roots again here (they were when the order was accepted).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { subProductionUnits } from '~/db/schema';
import { AppError } from '../errors';
import type { VectorClassAttributionParams } from '../services/params/attribution';
import { resolveSource, type SourceRoot } from '../storage/source-path';
import { unionBounds, type Bounds } from '../storage/grid';
import { CLASSES, LEGEND } from '../storage/legend';
import { countClasses } from './count-classes';
import { tableHeader, tableRow, toCsv, type TableSpec } from './attribution-table';
import { openRasterFiles, storeRaster, type ClassRaster } from './open-class-raster';
import { readPolygonFile, readStorePolygons } from './read-polygons';

export type AttributionDeps = {
  db: Database;
  storeDir: string;
  products: { raster: string; vector: string };
  sourceRoots: SourceRoot[];
};

export type AttributionSummary = {
  csv: string;
  report: string;
  polygons: number;
  countedPixels: number;
  /** How many polygons have each majority value (`none`: no counted pixel). */
  majorities: Record<string, number>;
  window: { width: number; height: number };
  seconds: number;
};

const DEFAULT_VALUES = CLASSES.map((c) => c.code);

async function unitArea(db: Database, code: string): Promise<object> {
  const [row] = await db
    .select({ geojson: sql<string>`ST_AsGeoJSON(${subProductionUnits.geom}, 15)` })
    .from(subProductionUnits)
    .where(eq(subProductionUnits.code, code));
  if (!row) throw new AppError('NOT_FOUND', `subproduction_unit_name: there is no sub-production unit ${code}`);
  return JSON.parse(row.geojson) as object;
}

export async function attributePolygons(
  deps: AttributionDeps,
  p: VectorClassAttributionParams,
  run: { dir: string; baseName: string; signal?: AbortSignal; progress?: (percent: number) => Promise<void> },
): Promise<AttributionSummary> {
  const started = performance.now();
  const area = await unitArea(deps.db, p.subproduction_unit_name);
  const raster: ClassRaster = p.raster
    ? await openRasterFiles(
        p.raster.map((r) => resolveSource(r, deps.sourceRoots, 'raster')),
        run.signal,
      )
    : storeRaster(deps, { product: deps.products.raster, referenceYear: p.reference_year });
  try {
    const set = p.vector
      ? await readPolygonFile(resolveSource(p.vector, deps.sourceRoots, 'vector'), {
          idColumn: p.id_column,
          area,
          srs: raster.srs,
          signal: run.signal,
        })
      : await readStorePolygons(deps, {
          product: deps.products.vector,
          referenceYear: p.reference_year,
          area,
          srs: raster.srs,
          signal: run.signal,
        });
    await run.progress?.(10);
    const polygons = set.polygons;
    const bounds = polygons.reduce<Bounds | null>((b, q) => unionBounds(b, q), null);
    const win = bounds ? raster.window(bounds) : null;
    const counts = win
      ? await countClasses(win.grid, win.read, polygons, {
          signal: run.signal,
          onProgress: (done, total) => run.progress?.(10 + (85 * done) / total),
        })
      : polygons.map(() => new Uint32Array(0));

    const values = p.method_params ?? DEFAULT_VALUES;
    const spec: TableSpec = {
      idColumn: set.idColumn,
      methods: p.method,
      values,
      names: p.col_names ?? values.map((v) => `class_${v}`),
      excluded: [raster.nodata, p.na_value].filter((v): v is number => v !== null && v !== undefined),
      pixelArea: raster.pixelSize * raster.pixelSize,
      constants: { subproduction_unit: p.subproduction_unit_name, reference_year: p.reference_year },
    };
    const rows: (string | number)[][] = [tableHeader(spec)];
    const majorities: Record<string, number> = {};
    let countedPixels = 0;
    polygons.forEach((poly, i) => {
      const { cells, majority } = tableRow(spec, poly.id, counts[i]!);
      rows.push(cells);
      countedPixels += cells[3] as number;
      const key = majority === null ? 'none' : String(majority);
      majorities[key] = (majorities[key] ?? 0) + 1;
    });
    const csv = `${run.baseName}.csv`;
    const report = `${run.baseName}_report.md`;
    await fs.promises.writeFile(path.join(run.dir, csv), toCsv(rows));
    const seconds = (performance.now() - started) / 1000;
    const summary: AttributionSummary = {
      csv,
      report,
      polygons: polygons.length,
      countedPixels,
      majorities,
      window: { width: win?.grid.width ?? 0, height: win?.grid.height ?? 0 },
      seconds: Number(seconds.toFixed(3)),
    };
    await fs.promises.writeFile(path.join(run.dir, report), reportMarkdown(p, spec, set.label, raster.label, summary));
    await run.progress?.(100);
    return summary;
  } finally {
    raster.close();
  }
}

function reportMarkdown(p: VectorClassAttributionParams, spec: TableSpec, vector: string, raster: string, s: AttributionSummary) {
  const name = (v: string) =>
    v === 'none' ? 'no counted pixel' : (LEGEND.find((c) => String(c.code) === v)?.name ?? `value ${v}`);
  const lines = [
    `# Vector class attribution: ${p.subproduction_unit_name}, ${p.reference_year}`,
    '',
    `- Polygons: ${vector} — ${s.polygons} intersecting the sub-production unit, each counted whole (id: \`${spec.idColumn}\`)`,
    `- Raster: ${raster} — window of ${s.window.width} × ${s.window.height} pixels`,
    `- Methods: ${spec.methods.join(', ')} over the values ${spec.values.join(', ')}`,
    `- Rule: a pixel counts for a polygon when its centre is inside it (gdal_rasterize without ALL_TOUCHED); overlapping polygons each count it; not counted: ${spec.excluded.length ? `the values ${spec.excluded.join(', ')} (no data)` : 'nothing (no no-data value)'}`,
    `- Counted pixels: ${s.countedPixels.toLocaleString('en')} (${((s.countedPixels * spec.pixelArea) / 1e6).toFixed(3)} km²)`,
    `- Computed in ${s.seconds} s`,
    '',
    '| Majority value | Polygons |',
    '|---|---:|',
    ...Object.entries(s.majorities)
      .sort((a, b) => b[1] - a[1])
      .map(([v, n]) => `| ${v === 'none' ? '—' : v} ${name(v)} | ${n} |`),
    '',
    `The table is \`${s.csv}\` (\`;\`-separated, one row per polygon).`,
    '',
  ];
  return lines.join('\n');
}
