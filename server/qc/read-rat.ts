/**
 * A class raster's attribute table and metadata as GDAL reports them (gdalinfo -json: a RAT in the file or its
 * `.aux.xml`, as our packages write it, server/packages/write-class-raster.ts), or else the ArcGIS `.vat.dbf` beside
 * the file: the pixel count of each value, for the QC's exact-count check. The value column is the one with usage
 * MinMax (or named `value`), the count column the one with usage PixelCount (or named `count`).
 */
import fs from 'node:fs';
import type { Dataset } from 'gdal-async';
import gdal from '../geo/gdal';

export type Rat = { source: string; counts: Map<number, number>; problem?: string };

type InfoJson = {
  metadata?: Record<string, Record<string, string>>;
  rat?: { fieldDefn: { index: number; name: string; usage: number }[]; row: { f: (number | string)[] }[] };
};

const USAGE_PIXEL_COUNT = 1;
const USAGE_MIN_MAX = 5;

function fromColumns(source: string, names: string[], usages: number[], rows: (number | string | null)[][]): Rat {
  const pick = (usage: number, name: RegExp) => {
    const i = usages.indexOf(usage);
    return i >= 0 ? i : names.findIndex((n) => name.test(n));
  };
  const vi = pick(USAGE_MIN_MAX, /^value$/i);
  const ci = pick(USAGE_PIXEL_COUNT, /^count$/i);
  const counts = new Map<number, number>();
  if (vi < 0 || ci < 0) return { source, counts, problem: `no ${vi < 0 ? 'value' : 'pixel count'} column (${names.join(', ')})` };
  for (const r of rows) counts.set(Number(r[vi]), (counts.get(Number(r[vi])) ?? 0) + Number(r[ci]));
  return { source, counts };
}

function vatDbf(file: string): Rat | null {
  const dbf = `${file}.vat.dbf`;
  if (!fs.existsSync(dbf)) return null;
  const ds = gdal.open(dbf);
  try {
    const layer = ds.layers.get(0);
    const names = layer.fields.getNames();
    const rows = layer.features.map((f) => names.map((n) => f.fields.get(n) as number | string | null));
    return fromColumns('.vat.dbf', names, [], rows);
  } finally {
    ds.close();
  }
}

/** The attribute table (null when there is none) and the default-domain metadata of `ds`. */
export async function readRat(ds: Dataset, file?: string): Promise<{ rat: Rat | null; metadata: Record<string, string> }> {
  const info = JSON.parse(await gdal.infoAsync(ds, ['-json', '-noct'])) as InfoJson;
  const metadata = info.metadata?.[''] ?? {};
  if (info.rat?.fieldDefn?.length) {
    const fields = [...info.rat.fieldDefn].sort((a, b) => a.index - b.index);
    return {
      rat: fromColumns(
        'raster attribute table',
        fields.map((f) => f.name),
        fields.map((f) => f.usage),
        info.rat.row.map((r) => r.f),
      ),
      metadata,
    };
  }
  return { rat: file ? vatDbf(file) : null, metadata };
}
