/**
 * The raster values under each polygon: for every polygon, how many pixels of each value (0–255) have their centre
 * inside it (the pixel-centre rule of gdal_rasterize without ALL_TOUCHED, server/geo/polygon-scanlines.ts). Polygons
 * are counted independently, so overlapping polygons each count the shared pixels.
 *
 * The raster is read once, top to bottom, in bands of rows; a polygon's scanlines are built when the band reaches it
 * and dropped once the band has passed it, so memory holds one band plus the polygons it crosses, whatever the
 * size of the area.
 */
import { PolygonRows, type PolygonalXY } from '../geo/polygon-scanlines';
import type { Grid } from '../storage/grid';

export type CountedPolygon = { geometry: PolygonalXY; minY: number; maxY: number };

/** Reads rows [row0, row0 + rows) of the grid, row-major, `grid.width` values a row. */
export type RowReader = (row0: number, rows: number) => Promise<Uint8Array>;

/** One polygon's counts as pairs [value, count, value, count, …] of the values present, by increasing value. */
export type ValueCounts = Uint32Array;

export async function countClasses(
  grid: Grid,
  read: RowReader,
  polygons: CountedPolygon[],
  opts: { signal?: AbortSignal; onProgress?: (rowsDone: number, rows: number) => Promise<void> | void; bandPixels?: number } = {},
): Promise<ValueCounts[]> {
  const out: ValueCounts[] = polygons.map(() => new Uint32Array(0));
  // The first row each polygon can touch (from its envelope; one row of margin for rounding), to start it in time.
  const top = (p: CountedPolygon) => Math.max(0, Math.floor((grid.y0 - p.maxY) / grid.pixelSize) - 1);
  const bottom = (p: CountedPolygon) => Math.min(grid.height, Math.ceil((grid.y0 - p.minY) / grid.pixelSize) + 1);
  const order = polygons.map((_, i) => i).sort((a, b) => top(polygons[a]!) - top(polygons[b]!));
  const bandRows = Math.max(1, Math.floor((opts.bandPixels ?? 8 << 20) / Math.max(1, grid.width)));
  type Active = { index: number; rows: PolygonRows; end: number; counts: Uint32Array };
  let active: Active[] = [];
  let next = 0;
  let ahead: { row0: number; data: Promise<Uint8Array> } | null = null;
  const w = grid.width;
  for (let row0 = 0; row0 < grid.height; row0 += bandRows) {
    opts.signal?.throwIfAborted();
    const rows = Math.min(bandRows, grid.height - row0);
    const bandEnd = row0 + rows;
    while (next < order.length && top(polygons[order[next]!]!) < bandEnd) {
      const index = order[next++]!;
      const p = polygons[index]!;
      if (bottom(p) <= top(p)) continue; // outside the grid
      active.push({ index, rows: new PolygonRows(grid, p.geometry), end: bottom(p), counts: new Uint32Array(256) });
    }
    if (!active.length) {
      await opts.onProgress?.(bandEnd, grid.height);
      continue;
    }
    // The next band is read (GDAL, on the thread pool) while this one is counted.
    const data = await (ahead?.row0 === row0 ? ahead.data : read(row0, rows));
    const after =
      bandEnd < grid.height ? { row0: bandEnd, data: read(bandEnd, Math.min(bandRows, grid.height - bandEnd)) } : null;
    after?.data.catch(() => {}); // awaited next round, or dropped when this one fails
    ahead = after;
    for (const a of active) {
      const from = Math.max(row0, a.rows.firstRow);
      const to = Math.min(bandEnd, a.rows.endRow);
      const counts = a.counts;
      for (let y = from; y < to; y++) {
        const runs = a.rows.row(y);
        const base = (y - row0) * w;
        for (let i = 0; i < runs.length; i += 2) {
          const end = base + runs[i + 1]!;
          for (let k = base + runs[i]!; k < end; k++) counts[data[k]!]!++;
        }
      }
    }
    // Polygons the band has passed are done.
    const still: Active[] = [];
    for (const a of active) {
      if (Math.min(a.end, a.rows.endRow) <= bandEnd) out[a.index] = compact(a.counts);
      else still.push(a);
    }
    active = still;
    await opts.onProgress?.(bandEnd, grid.height);
  }
  for (const a of active) out[a.index] = compact(a.counts);
  return out;
}

function compact(counts: Uint32Array): ValueCounts {
  let n = 0;
  for (let v = 0; v < 256; v++) if (counts[v]) n++;
  const pairs = new Uint32Array(n * 2);
  let i = 0;
  for (let v = 0; v < 256; v++)
    if (counts[v]) {
      pairs[i++] = v;
      pairs[i++] = counts[v]!;
    }
  return pairs;
}

/** The count of `value` in a polygon's pairs. */
export function countOf(pairs: ValueCounts, value: number): number {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === value) return pairs[i + 1]!;
  return 0;
}
