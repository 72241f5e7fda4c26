/**
 * The CLC+ Backbone raster legend (data/clcplus-legend.csv): class codes 1–11, 254 outside area, 255 no data.
 * CF `flag_meanings` need single words, so each class also gets an ASCII slug.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LegendClass = { code: number; name: string; color: string; slug: string; rgb: [number, number, number] };

export const NODATA = 255;
export const OUTSIDE_AREA = 254;

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

function load(): LegendClass[] {
  const text = fs.readFileSync(path.join(process.cwd(), 'data', 'clcplus-legend.csv'), 'utf8');
  const [header, ...rows] = text.trim().split('\n');
  if (header?.trim() !== 'code,class_name,colour_hex') throw new Error('data/clcplus-legend.csv: unexpected header');
  return rows.map((line) => {
    const m = /^(\d+),(.+),#([0-9A-Fa-f]{6})$/.exec(line.trim());
    if (!m) throw new Error(`data/clcplus-legend.csv: bad line "${line}"`);
    const hex = m[3]!;
    return {
      code: Number(m[1]),
      name: m[2]!,
      color: `#${hex.toUpperCase()}`,
      slug: slugOf(m[2]!),
      rgb: [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number],
    };
  });
}

export const LEGEND: readonly LegendClass[] = load();
/** Land-cover classes (1–11), without the outside-area and no-data codes. */
export const CLASSES = LEGEND.filter((c) => c.code < OUTSIDE_AREA);
export const VALID_RASTER_VALUES = new Set(LEGEND.map((c) => c.code));
