/**
 * The operations runInSubprocess can run: long, single GDAL calls that only a process kill can interrupt. Inputs and
 * outputs are plain JSON (file paths, options, counts).
 */
import { styleClassBand, writeClassCog, type ClassCounts } from '../packages/write-class-raster';
import gdal from './gdal';

type Progress = (fraction: number) => void;

export const SUBPROCESS_OPS = {
  /** gdalwarp of source files into `dst` (the output is closed, so complete, when this resolves). */
  warp: async (input: { dst: string; sources: string[]; args: string[] }, progress: Progress) => {
    const ds = await gdal.warpAsync(
      input.dst,
      null,
      input.sources.map((s) => gdal.open(s)),
      input.args,
      { progress_cb: progress },
    );
    const { x: width, y: height } = ds.rasterSize;
    ds.close();
    return { width, height };
  },

  /** A class raster (any GDAL-readable file) to a styled COG with its sidecars (attribute table from `counts`). */
  classCog: async (input: { src: string; file: string; counts: ClassCounts }, progress: Progress) => {
    const src = gdal.open(input.src);
    try {
      styleClassBand(src);
      await writeClassCog(input.file, src, { counts: input.counts, onProgress: progress });
    } finally {
      src.close();
    }
    return { file: input.file };
  },
};

export type SubprocessOps = typeof SUBPROCESS_OPS;
