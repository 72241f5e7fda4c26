/**
 * The raster cut of an AOI, from the store's files to the COG, in one pass over the pixels: strips of rows are read
 * from the groups' netCDF files (GDAL), the pixels whose centre is outside the AOI set to 255
 * (server/geo/polygon-scanlines.ts, the rule gdalwarp -cutline applies), then counted, thinned into the overviews and
 * stored in a MEM dataset (write-class-raster.ts), which the COG driver writes once. The next strip is read (on a
 * libuv thread) while this one is masked and counted (on this one), so both cores work.
 *
 * Memory: 1 byte a pixel (+ 1/3 for the overviews) in GDAL, plus two 16 MB strips; nothing else the size of the AOI.
 * Inputs and outputs are plain JSON: it runs in the worker for small AOIs and in a child process (SUBPROCESS_OPS) for
 * large ones (a cancelled order kills it).
 */
import { AppError } from '../errors';
import gdal from '../geo/gdal';
import type { PolygonalXY } from '../geo/polygon-scanlines';
import { geoTransform, STORE_EPSG, type Grid } from '../storage/grid';
import { readStrips, type StoreWindow } from '../storage/read-raster';
import { ClassRasterBuilder, type ClassCounts } from './write-class-raster';

export type AoiCut = { file: string; grid: Grid; polygon: PolygonalXY; sources: StoreWindow[] };

export const notCovered = () =>
  new AppError('UNPROCESSABLE', 'the product does not cover this area', { reason: 'OUTSIDE_PRODUCT' });
const hasClasses = (counts: ClassCounts) => Object.entries(counts).some(([v, n]) => Number(v) < 254 && n > 0);

/** The AOI's COG and sidecars; its class counts. Nothing but no data in the AOI → UNPROCESSABLE (not covered). */
export async function cutAoiToCog(
  q: AoiCut,
  progress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<{ counts: ClassCounts; timings: Record<string, number> }> {
  const t0 = performance.now();
  const out = await ClassRasterBuilder.create({
    width: q.grid.width,
    height: q.grid.height,
    geoTransform: geoTransform(q.grid),
    srs: gdal.SpatialReference.fromEPSG(STORE_EPSG),
  });
  try {
    await readStrips({ ...q, signal }, async (strip, row0, rows) => {
      await out.addStrip(strip, rows);
      progress((0.4 * (row0 + rows)) / q.grid.height);
    });
    if (!hasClasses(out.counts)) throw notCovered();
  } catch (e) {
    out.close();
    throw e;
  }
  const t1 = performance.now();
  signal?.throwIfAborted();
  const counts = await out.writeCog(q.file, (f) => progress(0.4 + 0.6 * f));
  return { counts, timings: { readMaskCount: t1 - t0, cogAndSidecars: performance.now() - t1 } };
}
