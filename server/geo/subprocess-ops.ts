/**
 * The operations runInSubprocess can run: long, single GDAL calls that only a process kill can interrupt. Inputs and
 * outputs are plain JSON (file paths, options, counts).
 */
import { cutAoiToCog, type AoiCut } from '../packages/cut-raster-aoi';
import { warpNationToCog, type NationWarp } from '../packages/warp-raster-nation';
import { styleClassBand, writeCog } from '../packages/write-class-raster';
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
    ds.close();
    return { dst: input.dst };
  },

  /** A class raster (any GDAL-readable file) to a styled COG (the attribute table is written by the caller). */
  classCog: async (input: { src: string; file: string }, progress: Progress) => {
    const src = gdal.open(input.src);
    try {
      styleClassBand(src);
      await writeCog(input.file, src, progress);
    } finally {
      src.close();
    }
    return { file: input.file };
  },

  /** An AOI's cut, from the store to the COG and its sidecars (server/packages/cut-raster-aoi.ts). */
  aoiCog: (input: AoiCut, progress: Progress) => cutAoiToCog(input, progress),

  /** A nation's warp to its COG and sidecars (server/packages/warp-raster-nation.ts). */
  nationCog: (input: NationWarp, progress: Progress) => warpNationToCog(input, progress),
};

export type SubprocessOps = typeof SUBPROCESS_OPS;
