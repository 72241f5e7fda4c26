/**
 * A nation's raster, warped to its CRS and written once as a COG, with the semantics of
 * `gdalwarp -t_srs EPSG:<n> -tr 10 10 -tap -r near -cutline <boundary ∩ store, EPSG:3035> -crop_to_cutline
 * -srcnodata 255 -dstnodata 255` but not its cost:
 * - the cutline is applied where gdalwarp applies it, to the source pixels (centre inside, in the store's grid), as
 *   the store is read in strips (server/geo/polygon-scanlines.ts: O(edges); GDAL rasterizes its ~100,000-edge cutline
 *   O(rows × edges) per warp chunk, ~10 s of CPU for Austria);
 * - the warp itself then has no mask to test: no cutline, no source nodata (a masked or missing source pixel is 255,
 *   which is what gdalwarp writes for it), the destination initialised to 255 instead of a destination nodata (which
 *   would make GDAL keep a destination validity mask) — GDAL's fast nearest kernel, on both cores, from memory to
 *   memory;
 * - the output grid is gdalwarp's own: computed by GDAL from the store VRT and the cutline (a warped VRT, no pixels),
 *   while the source is read;
 * - counts and NEAREST overviews from the warped pixels, then the COG (write-class-raster.ts): no intermediate file.
 * Memory: source window + output, 1 byte a pixel each (+ 1/3 for the overviews). Runs in the child process.
 */
import gdal from '../geo/gdal';
import type { PolygonalXY } from '../geo/polygon-scanlines';
import { geoTransform, STORE_EPSG, type Grid } from '../storage/grid';
import { readStrips, type StoreWindow } from '../storage/read-raster';
import { notCovered } from './cut-raster-aoi';
import { ClassRasterBuilder, type ClassCounts } from './write-class-raster';

export type NationWarp = {
  file: string;
  epsg: number;
  /** The store's groups as one VRT (for gdalwarp's output grid) and the cutline file (GeoJSON, EPSG:3035). */
  storeVrt: string;
  cutlineFile: string;
  cutline: PolygonalXY;
  /** The cutline's envelope on the store grid and the group windows that cover it. */
  grid: Grid;
  sources: StoreWindow[];
};

const hasClasses = (counts: ClassCounts) => Object.entries(counts).some(([v, n]) => Number(v) < 254 && n > 0);

export async function warpNationToCog(
  q: NationWarp,
  progress: (fraction: number) => void = () => {},
): Promise<{ counts: ClassCounts; width: number; height: number; geoTransform: number[]; timings: Record<string, number> }> {
  const t0 = performance.now();
  // gdalwarp's grid for these options (-crop_to_cutline -tap): a warped VRT computes it without warping a pixel.
  const gridArgs = ['-of', 'VRT', '-t_srs', `EPSG:${q.epsg}`, '-tr', '10', '10', '-tap', '-r', 'near'];
  const cropArgs = ['-cutline', q.cutlineFile, '-crop_to_cutline', '-srcnodata', '255', '-dstnodata', '255', '-ot', 'Byte'];
  const vrtName = `/vsimem/nation-grid-${process.pid}-${Date.now()}.vrt`;
  // On a libuv thread while the source is read and masked below (it transforms the cutline: ~1 s for Austria).
  const gridOf = async () => {
    const store = await gdal.openAsync(q.storeVrt);
    try {
      const vrt = await gdal.warpAsync(vrtName, null, [store], [...gridArgs, ...cropArgs]);
      const g = { gt: vrt.geoTransform!, size: vrt.rasterSize, at: performance.now() };
      vrt.close();
      return g;
    } finally {
      store.close();
      try {
        gdal.vsimem.release(vrtName);
      } catch {
        /* not written */
      }
    }
  };
  const gridDone = gridOf();
  gridDone.catch(() => {}); // awaited below; an early failure of the read must not leave it unhandled
  const t1 = performance.now();

  // The source window, masked by the cutline as it is read.
  const src = gdal.open('source', 'w', 'MEM', q.grid.width, q.grid.height, 1, gdal.GDT_Byte);
  src.geoTransform = geoTransform(q.grid);
  src.srs = gdal.SpatialReference.fromEPSG(STORE_EPSG);
  const srcBand = src.bands.get(1);
  let srcOpen = true;
  const closeSrc = () => {
    if (srcOpen) src.close();
    srcOpen = false;
  };
  let out: ClassRasterBuilder | undefined;
  try {
    await readStrips({ grid: q.grid, sources: q.sources, polygon: q.cutline }, async (strip, row0, rows) => {
      await srcBand.pixels.writeAsync(0, row0, q.grid.width, rows, strip.subarray(0, rows * q.grid.width));
      progress((0.2 * (row0 + rows)) / q.grid.height);
    });
    const t2 = performance.now();
    const { gt, size, at } = await gridDone;
    const { x: width, y: height } = size;
    out = await ClassRasterBuilder.create({ width, height, geoTransform: gt, srs: gdal.SpatialReference.fromEPSG(q.epsg) });
    await gdal.warpAsync(
      null,
      out.mem,
      [src],
      [
        ...['-r', 'near', '-srcnodata', 'None', '-wo', 'INIT_DEST=255', '-wo', 'NUM_THREADS=ALL_CPUS', '-wm', '256'],
        ...['-ot', 'Byte'],
      ],
      { progress_cb: (f: number) => progress(0.2 + 0.4 * f) },
    );
    closeSrc(); // before the overviews and the COG: the peak is source + output, never more
    const t3 = performance.now();
    await out.scan();
    if (!hasClasses(out.counts)) throw notCovered();
    const t4 = performance.now();
    const counts = await out.writeCog(q.file, (f) => progress(0.65 + 0.35 * f));
    const timings = {
      gridMeanwhile: at - t0,
      readAndMask: t2 - t1,
      warp: t3 - t2,
      countsAndOverviews: t4 - t3,
      cogAndSidecars: performance.now() - t4,
    };
    return { counts, width, height, geoTransform: gt, timings };
  } finally {
    out?.close();
    closeSrc();
  }
}
