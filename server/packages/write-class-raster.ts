/**
 * Writes a class raster as a Cloud-Optimized GeoTIFF: DEFLATE, 512² tiles, internal overviews (NEAREST, so every
 * overview pixel is a real class), nodata 255, the legend's colour table embedded, and the raster attribute table
 * (`value, count, class_name`, counts = pixels of each class) as a GDAL PAM sidecar (`.tif.aux.xml`, read by
 * gdalinfo, QGIS, rasterio/GDAL) and as an ArcGIS `.tif.vat.dbf`.
 */
import fs from 'node:fs';
import type { Dataset } from 'gdal-async';
import gdal from '../geo/gdal';
import { geoTransform, STORE_EPSG, type Grid } from '../storage/grid';
import { LEGEND, NODATA } from '../storage/legend';
import { classColorTable } from '../storage/preview-png';

export type ClassCounts = Record<number, number>;

export const COG_OPTIONS = {
  COMPRESS: 'DEFLATE',
  LEVEL: '6',
  BLOCKSIZE: '512',
  OVERVIEW_RESAMPLING: 'NEAREST',
  NUM_THREADS: 'ALL_CPUS',
  BIGTIFF: 'IF_SAFER',
};

export function countClasses(data: Uint8Array): ClassCounts {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]! += 1;
  const out: ClassCounts = {};
  for (let v = 0; v < 256; v++) if (hist[v]! > 0 && v !== NODATA) out[v] = hist[v]!;
  return out;
}

/** The rows of the attribute table: every land-cover class (count 0 when absent), then other values present. */
function ratRows(counts: ClassCounts) {
  return LEGEND.filter((c) => c.code !== NODATA && (c.code <= 11 || counts[c.code])).map((c) => ({
    value: c.code,
    count: counts[c.code] ?? 0,
    name: c.name,
  }));
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ratAuxXml(counts: ClassCounts): string {
  const rows = ratRows(counts)
    .map((r, i) => `      <Row index="${i}"><F>${r.value}</F><F>${r.count}</F><F>${xmlEsc(r.name)}</F></Row>`)
    .join('\n');
  // Field types: 0 integer, 2 string; usages: 5 min-max (the class value), 1 pixel count, 2 name.
  return `<PAMDataset>
  <PAMRasterBand band="1">
    <Description>land cover class</Description>
    <GDALRasterAttributeTable tableType="thematic">
      <FieldDefn index="0"><Name>value</Name><Type>0</Type><Usage>5</Usage></FieldDefn>
      <FieldDefn index="1"><Name>count</Name><Type>0</Type><Usage>1</Usage></FieldDefn>
      <FieldDefn index="2"><Name>class_name</Name><Type>2</Type><Usage>2</Usage></FieldDefn>
${rows}
    </GDALRasterAttributeTable>
  </PAMRasterBand>
</PAMDataset>
`;
}

export function writeVatDbf(file: string, counts: ClassCounts) {
  fs.rmSync(file, { force: true });
  const ds = gdal.open(file, 'w', 'ESRI Shapefile');
  try {
    const layer = ds.layers.create(file.replace(/^.*\//, '').replace(/\.dbf$/, ''), null, gdal.wkbNone);
    layer.fields.add(new gdal.FieldDefn('Value', gdal.OFTInteger));
    layer.fields.add(new gdal.FieldDefn('Count', gdal.OFTReal));
    const name = new gdal.FieldDefn('Class_name', gdal.OFTString);
    name.width = 64;
    layer.fields.add(name);
    for (const r of ratRows(counts)) {
      const f = new gdal.Feature(layer);
      f.fields.set({ Value: r.value, Count: r.count, Class_name: r.name });
      layer.features.add(f);
    }
  } finally {
    ds.close();
  }
  fs.writeFileSync(file.replace(/\.dbf$/, '.cpg'), 'UTF-8');
}

/** Adds the colour table and nodata to a single-band class dataset (the band description is in the .aux.xml). */
export function styleClassBand(ds: Dataset) {
  const band = ds.bands.get(1);
  band.noDataValue = NODATA;
  band.colorTable = classColorTable();
}

/** Copies a styled class dataset to a COG (DEFLATE, 512 px tiles, NEAREST overviews). */
export async function writeCog(file: string, src: Dataset, onProgress?: (fraction: number) => void): Promise<void> {
  const out = await gdal.drivers.get('COG').createCopyAsync(file, src, COG_OPTIONS, false, {
    progress_cb: onProgress ? (f: number) => onProgress(f) : undefined,
  });
  out.close();
}

/** The attribute table of a class COG: `<file>.aux.xml` (GDAL RAT) and `<file>.vat.dbf` (ArcGIS/QGIS). */
export function writeClassSidecars(file: string, counts: ClassCounts) {
  fs.writeFileSync(`${file}.aux.xml`, ratAuxXml(counts));
  writeVatDbf(`${file}.vat.dbf`, counts);
}

/**
 * Copies a class dataset to a COG with the sidecars. `counts` runs on this thread while GDAL writes the COG on its
 * own threads (the copy does not need them).
 */
export async function writeClassCog(
  file: string,
  src: Dataset,
  opts: { counts: () => ClassCounts; signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<ClassCounts> {
  opts.signal?.throwIfAborted();
  const copying = writeCog(file, src, opts.onProgress);
  let counts: ClassCounts;
  try {
    counts = opts.counts();
  } finally {
    await copying;
  }
  opts.signal?.throwIfAborted();
  writeClassSidecars(file, counts);
  return counts;
}

/** A MEM dataset holding a class grid (EPSG:3035), styled. */
export async function memClassDataset(grid: Grid, data: Uint8Array): Promise<Dataset> {
  const mem = gdal.open('class', 'w', 'MEM', grid.width, grid.height, 1, gdal.GDT_Byte);
  mem.geoTransform = geoTransform(grid);
  mem.srs = gdal.SpatialReference.fromEPSG(STORE_EPSG);
  styleClassBand(mem);
  await mem.bands.get(1).pixels.writeAsync(0, 0, grid.width, grid.height, data);
  return mem;
}
