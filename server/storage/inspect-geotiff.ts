/**
 * Checks that a GeoTIFF can enter the store and says precisely what is wrong otherwise: readable GeoTIFF, EPSG:3035,
 * 10 m square pixels, no rotation, pixel edges on the 10 m grid, 8-bit unsigned, nodata 255 (or none).
 * Pixel values are checked while they are copied (ingest-raster.ts), so the file is read only once.
 */
import type { Dataset } from 'gdal-async';
import gdal from '../geo/gdal';
import { PIXEL_SIZE, STORE_EPSG, type Grid } from './grid';
import { NODATA } from './legend';
import { openDataset } from './open-dataset';
import { StoreError } from './store-error';

export function openGeoTiff(file: string): Dataset {
  const ds = openDataset(file, 'is it a complete GeoTIFF?');
  if (ds.driver.description !== 'GTiff') {
    ds.close();
    throw new StoreError(
      'UNREADABLE_FILE',
      `${file} is ${ds.driver.description}, not a GeoTIFF; convert it with gdal_translate -of GTiff`,
    );
  }
  return ds;
}

export function inspectGeoTiff(ds: Dataset, file: string): Grid {
  const srs = ds.srs;
  const code = srs?.getAuthorityCode(null);
  const is3035 = !!srs && (code === String(STORE_EPSG) || srs.isSame(gdal.SpatialReference.fromEPSG(STORE_EPSG)));
  if (!is3035) {
    const what = srs ? (code ? `EPSG:${code}` : 'a CRS without EPSG code') : 'no CRS';
    throw new StoreError(
      'CRS_MISMATCH',
      `${file} has ${what}; the product is in EPSG:3035 (ETRS89-LAEA). Reproject: gdalwarp -t_srs EPSG:3035 -tr 10 10 -tap -r near`,
    );
  }
  const gt = ds.geoTransform;
  if (!gt) throw new StoreError('CRS_MISMATCH', `${file} has no georeferencing (geotransform)`);
  const [x0, px, rx, y0, ry, py] = gt as [number, number, number, number, number, number];
  if (rx !== 0 || ry !== 0)
    throw new StoreError('GRID_MISALIGNED', `${file} is rotated; warp it north-up: gdalwarp -t_srs EPSG:3035 -tr 10 10 -tap`);
  if (Math.abs(px - PIXEL_SIZE) > 1e-9 || Math.abs(py + PIXEL_SIZE) > 1e-9) {
    throw new StoreError(
      'PIXEL_SIZE_MISMATCH',
      `${file} has ${px} × ${-py} m pixels; the product has 10 m pixels. Resample: gdalwarp -tr 10 10 -tap -r near`,
    );
  }
  const off = (v: number) => Math.abs(v / PIXEL_SIZE - Math.round(v / PIXEL_SIZE)) > 1e-6;
  if (off(x0) || off(y0)) {
    throw new StoreError(
      'GRID_MISALIGNED',
      `${file} starts at (${x0}, ${y0}), not on the 10 m grid of the product; align it: gdalwarp -tr 10 10 -tap`,
    );
  }
  const band = ds.bands.get(1);
  if (band.dataType !== gdal.GDT_Byte) {
    throw new StoreError(
      'DTYPE_MISMATCH',
      `${file} holds ${band.dataType} values; the product is 8-bit unsigned. Convert: gdal_translate -ot Byte`,
    );
  }
  const nodata = band.noDataValue;
  if (nodata !== null && nodata !== undefined && nodata !== NODATA) {
    throw new StoreError(
      'NODATA_MISMATCH',
      `${file} has nodata ${nodata}; the product uses ${NODATA}. Set it: gdal_edit.py -a_nodata 255 (after recoding the pixels)`,
    );
  }
  return { x0: Math.round(x0), y0: Math.round(y0), width: ds.rasterSize.x, height: ds.rasterSize.y, pixelSize: PIXEL_SIZE };
}
