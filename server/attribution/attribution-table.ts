/**
 * The attribution's output table: one row per polygon, with the reference's methods over the reported raster values
 * (`method_params`, default the CLC+ classes 1–11):
 *   relative_count — the value's share of the polygon's counted pixels (0–1, 6 decimals);
 *   absolute_count — its pixel count;
 *   area           — its area in m² (count × pixel area);
 *   majority       — the most frequent counted value (all values, not only the reported ones; ties: the lower one).
 * Counted pixels: centre inside the polygon, value neither the raster's no-data nor `na_value`. A polygon with none
 * has empty cells. Written as `;`-separated CSV (the reference's convention), RFC 4180 quoting by csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import { countOf, type ValueCounts } from './count-classes';

export type Method = 'relative_count' | 'absolute_count' | 'majority' | 'area';

export type TableSpec = {
  idColumn: string;
  methods: Method[];
  values: number[];
  /** Names of the value columns (one per value). */
  names: string[];
  excluded: number[];
  pixelArea: number;
  /** Constant columns after the id (the sub-production unit, the reference year). */
  constants: Record<string, string | number>;
};

const SUFFIX: Record<Exclude<Method, 'majority'>, string> = { relative_count: 'rel', absolute_count: 'count', area: 'm2' };

export function tableHeader(spec: TableSpec): string[] {
  const valueMethods = spec.methods.filter((m): m is Exclude<Method, 'majority'> => m !== 'majority');
  const cols = [spec.idColumn, ...Object.keys(spec.constants), 'counted_pixels', 'excluded_pixels'];
  for (const m of valueMethods) for (const n of spec.names) cols.push(valueMethods.length > 1 ? `${n}_${SUFFIX[m]}` : n);
  if (spec.methods.includes('majority')) cols.push('majority');
  return cols;
}

/** The row's cells, and the polygon's majority value (null without counted pixels). */
export function tableRow(
  spec: TableSpec,
  id: string | number,
  counts: ValueCounts,
): { cells: (string | number)[]; majority: number | null } {
  let counted = 0;
  let excluded = 0;
  let majority: number | null = null;
  let best = 0;
  for (let i = 0; i < counts.length; i += 2) {
    const v = counts[i]!;
    const n = counts[i + 1]!;
    if (spec.excluded.includes(v)) excluded += n;
    else {
      counted += n;
      if (n > best) [best, majority] = [n, v]; // values come in increasing order: ties keep the lower one
    }
  }
  const cells: (string | number)[] = [id, ...Object.values(spec.constants), counted, excluded];
  for (const m of spec.methods) {
    if (m === 'majority') continue;
    for (const v of spec.values) {
      const n = spec.excluded.includes(v) ? 0 : countOf(counts, v);
      cells.push(
        m === 'absolute_count' ? n : m === 'area' ? n * spec.pixelArea : counted ? Number((n / counted).toFixed(6)) : '',
      );
    }
  }
  if (spec.methods.includes('majority')) cells.push(majority ?? '');
  return { cells, majority };
}

export const toCsv = (rows: (string | number)[][]) => stringify(rows, { delimiter: ';', record_delimiter: 'unix' });
