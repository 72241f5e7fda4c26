/**
 * The class raster an attribution reads: either files GDAL opens (one, or several mosaicked into an in-memory VRT as
 * gdalbuildvrt would), or the product store of a year (server/storage/read-raster.ts). Either way: a north-up grid
 * of square pixels, its CRS, its no-data value, and a reader of row bands of any window of it.
 */
import type { Dataset, SpatialReference } from 'gdal-async';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { gridOfBounds, PIXEL_SIZE, snapBounds, STORE_EPSG, type Bounds, type Grid } from '../storage/grid';
import { NODATA } from '../storage/legend';
import { readRasterByBounds } from '../storage/read-raster';
import { StoreError } from '../storage/store-error';
import type { RowReader } from './count-classes';

export type ClassRaster = {
  /** Where it came from, for the report. */
  label: string;
  srs: SpatialReference;
  /** The value GDAL reports as no data (never counted), if any. */
  nodata: number | null;
  pixelSize: number;
  /** The grid of the pixels covering `bounds` (clipped to the raster's extent for files), and its reader. */
  window: (bounds: Bounds) => { grid: Grid; read: RowReader } | null;
  close: () => void;
};

/** Files: checked (8-bit, north-up, square pixels, one CRS), mosaicked when there are several. */
export async function openRasterFiles(files: string[], signal?: AbortSignal): Promise<ClassRaster> {
  let ds: Dataset;
  try {
    if (files.length > 1) {
      for (const f of files) (await gdal.openAsync(f)).close(); // a clear error naming the file that does not open
      ds = await gdal.buildVRTAsync('', files, ['-strict']); // in memory
    } else ds = await gdal.openAsync(files[0]!);
  } catch (e) {
    throw new StoreError('UNREADABLE_FILE', `raster: ${(e as Error).message}`);
  }
  const close = () => ds.close();
  try {
    signal?.throwIfAborted();
    const band = ds.bands.get(1);
    if (band.dataType !== gdal.GDT_Byte)
      throw new StoreError('DTYPE_MISMATCH', `raster: band 1 is ${band.dataType}; class rasters are 8-bit (Byte)`);
    const gt = ds.geoTransform;
    if (!gt || gt[2] !== 0 || gt[4] !== 0 || gt[5]! >= 0 || Math.abs(gt[1]! + gt[5]!) > 1e-9 * gt[1]!)
      throw new StoreError('PIXEL_SIZE_MISMATCH', 'raster: a north-up grid of square pixels is needed');
    if (!ds.srs) throw new StoreError('CRS_MISMATCH', 'raster: it has no coordinate reference system');
    const { x: width, y: height } = ds.rasterSize;
    const full: Grid = { x0: gt[0]!, y0: gt[3]!, width, height, pixelSize: gt[1]! };
    return {
      label: files.join(' '),
      srs: ds.srs,
      nodata: band.noDataValue ?? null,
      pixelSize: full.pixelSize,
      window: (b) => {
        const col0 = Math.max(0, Math.floor((b.minX - full.x0) / full.pixelSize));
        const col1 = Math.min(width, Math.ceil((b.maxX - full.x0) / full.pixelSize));
        const row0 = Math.max(0, Math.floor((full.y0 - b.maxY) / full.pixelSize));
        const row1 = Math.min(height, Math.ceil((full.y0 - b.minY) / full.pixelSize));
        if (col1 <= col0 || row1 <= row0) return null;
        const grid: Grid = {
          x0: full.x0 + col0 * full.pixelSize,
          y0: full.y0 - row0 * full.pixelSize,
          width: col1 - col0,
          height: row1 - row0,
          pixelSize: full.pixelSize,
        };
        const read: RowReader = async (r, rows) =>
          (await band.pixels.readAsync(col0, row0 + r, grid.width, rows, undefined, { type: gdal.GDT_Byte })) as Uint8Array;
        return { grid, read };
      },
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}

/** The product store's raster of a year (EPSG:3035, 10 m; 255 where no unit covers the area). */
export function storeRaster(
  deps: { db: Database; storeDir: string },
  q: { product: string; referenceYear: number },
): ClassRaster {
  return {
    label: `${q.product} ${q.referenceYear} (product store)`,
    srs: gdal.SpatialReference.fromEPSG(STORE_EPSG),
    nodata: NODATA,
    pixelSize: PIXEL_SIZE,
    window: (b) => {
      const s = snapBounds(b);
      const grid = gridOfBounds(b);
      if (grid.width <= 0 || grid.height <= 0) return null;
      const read: RowReader = async (r, rows) => {
        const bounds = { minX: s.minX, maxX: s.maxX, maxY: s.maxY - r * PIXEL_SIZE, minY: s.maxY - (r + rows) * PIXEL_SIZE };
        try {
          return (await readRasterByBounds(deps, { ...q, bounds })).data;
        } catch (e) {
          // A band no unit covers: all no data.
          if (e instanceof StoreError && e.storeReason === 'OUT_OF_BOUNDS') return new Uint8Array(grid.width * rows).fill(NODATA);
          throw e;
        }
      };
      return { grid, read };
    },
    close: () => {},
  };
}
