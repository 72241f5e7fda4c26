/** A PNG picture of a class raster in the legend colours (palette PNG), downsampled by taking every n-th pixel. */
import fs from 'node:fs';
import gdal from '../geo/gdal';
import { STORE_EPSG, type Grid } from './grid';
import { LEGEND } from './legend';

/** The 256 entries of the class colour table, computed once (setting them on a GDAL table is what each call costs). */
const CLASS_COLOURS = Array.from({ length: 256 }, (_, v) => {
  const c = LEGEND.find((l) => l.code === v);
  return c ? { c1: c.rgb[0], c2: c.rgb[1], c3: c.rgb[2], c4: 255 } : { c1: 0, c2: 0, c3: 0, c4: 0 };
});

export function classColorTable() {
  const ct = new gdal.ColorTable(gdal.GPI_RGB);
  CLASS_COLOURS.forEach((c, v) => ct.set(v, c));
  return ct;
}

export async function writePreviewPng(
  file: string,
  grid: Grid,
  data: Uint8Array,
  step = 10,
): Promise<{ width: number; height: number }> {
  const width = Math.floor(grid.width / step);
  const height = Math.floor(grid.height / step);
  const small = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    const src = (r * step + (step >> 1)) * grid.width;
    for (let c = 0; c < width; c++) small[r * width + c] = data[src + c * step + (step >> 1)]!;
  }
  const mem = gdal.open('preview', 'w', 'MEM', width, height, 1, gdal.GDT_Byte);
  try {
    mem.geoTransform = [grid.x0, grid.pixelSize * step, 0, grid.y0, 0, -grid.pixelSize * step];
    mem.srs = gdal.SpatialReference.fromEPSG(STORE_EPSG);
    const band = mem.bands.get(1);
    band.colorTable = classColorTable();
    await band.pixels.writeAsync(0, 0, width, height, small);
    const out = gdal.drivers.get('PNG').createCopy(file, mem, ['ZLEVEL=9', 'WORLDFILE=NO']);
    out.close();
    fs.rmSync(`${file}.aux.xml`, { force: true }); // GDAL's sidecar with the CRS: the picture does not need it
  } finally {
    mem.close();
  }
  return { width, height };
}
