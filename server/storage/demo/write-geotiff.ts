/** Writes a GeoTIFF in EPSG:3035 (Byte, DEFLATE, tiled, nodata 255) row block by row block. */
import gdal from '~/server/geo/gdal';
import { STORE_EPSG, type Grid } from '../grid';

export async function writeGeoTiff(
  file: string,
  grid: Grid,
  fillRows: (row: number, rows: number, out: Uint8Array) => void,
  blockRows = 256,
) {
  const ds = gdal.drivers
    .get('GTiff')
    .create(file, grid.width, grid.height, 1, gdal.GDT_Byte, ['COMPRESS=DEFLATE', 'TILED=YES', 'BIGTIFF=IF_SAFER']);
  try {
    ds.srs = gdal.SpatialReference.fromEPSG(STORE_EPSG);
    ds.geoTransform = [grid.x0, grid.pixelSize, 0, grid.y0, 0, -grid.pixelSize];
    const band = ds.bands.get(1);
    band.noDataValue = 255;
    const buf = new Uint8Array(blockRows * grid.width);
    for (let row = 0; row < grid.height; row += blockRows) {
      const rows = Math.min(blockRows, grid.height - row);
      const view = buf.subarray(0, rows * grid.width);
      fillRows(row, rows, view);
      await band.pixels.writeAsync(0, row, grid.width, rows, view);
    }
    ds.flush();
  } finally {
    ds.close();
  }
}
