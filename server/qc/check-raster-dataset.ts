/**
 * The EEA QC checks of a class raster, on an open GDAL dataset (an incoming GeoTIFF or a store group's netCDF band):
 * EPSG:3035, 10 m square north-up pixels, pixel edges on the 10 m grid, inside the production unit, 8-bit, no-data
 * 255, every pixel a legend value, the raster attribute table's counts (an incoming file must have one; a store group
 * has none: the store counts its pixels) and the metadata's
 * unit and year. Unlike the ingestion gate (storage/inspect-geotiff.ts, which stops at the first problem), every
 * check is evaluated, so the report lists all that is wrong; the criteria are the store's (grid.ts, legend.ts).
 * The pixels are read once, in row blocks, and counted (storage/count-values.ts) for the class statistics.
 */
import type { Dataset } from 'gdal-async';
import gdal from '../geo/gdal';
import { countValues } from '../storage/count-values';
import { PIXEL_SIZE, STORE_EPSG, type Bounds } from '../storage/grid';
import { NODATA, VALID_RASTER_VALUES } from '../storage/legend';
import { check, className, type ClassStat, type QcCheck } from './qc-report';
import { readRat } from './read-rat';

export type RasterCheckInput = {
  ds: Dataset;
  /** The band holding the classes (a store cube: its latest time step). */
  band?: number;
  unit: string;
  referenceYear: number;
  /** The production unit's extent (null: unknown unit). */
  unitBounds: Bounds | null;
  /** The file, for an ArcGIS `.vat.dbf` attribute table beside it; absent for a store group. */
  file?: string;
  /** A store group must name its unit and year in its metadata; an incoming file may. */
  requireMetadata?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

const PIXEL_KM2 = (PIXEL_SIZE * PIXEL_SIZE) / 1e6;
const ROW_BLOCK = 256;
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Reads the class band in row blocks and counts its values. */
async function histogramOf(input: RasterCheckInput, width: number, height: number): Promise<Float64Array> {
  const band = input.ds.bands.get(input.band ?? 1);
  const hist = new Float64Array(256);
  for (let row = 0; row < height; row += ROW_BLOCK) {
    input.signal?.throwIfAborted();
    const rows = Math.min(ROW_BLOCK, height - row);
    const px = (await band.pixels.readAsync(0, row, width, rows)) as Uint8Array;
    countValues(px, hist);
    input.onProgress?.(row + rows, height);
  }
  return hist;
}

const listValues = (values: number[], hist: Float64Array) =>
  values
    .slice(0, 8)
    .map((v) => `${v} (${hist[v]} pixels)`)
    .join(', ') + (values.length > 8 ? `, … (${values.length} values)` : '');

function metadataCheck(meta: Record<string, string>, input: RasterCheckInput): QcCheck {
  const find = (key: string) =>
    Object.entries(meta)
      .find(([k]) => new RegExp(`(^|#)${key}$`, 'i').test(k))?.[1]
      ?.trim();
  const unit = find('production_unit');
  const year = find('reference_year');
  const wrong = [
    unit !== undefined && unit !== input.unit ? `production unit ${unit}, not ${input.unit}` : null,
    year !== undefined && Number(year) !== input.referenceYear ? `reference year ${year}, not ${input.referenceYear}` : null,
  ].filter(Boolean);
  const title = 'Metadata names the unit and year';
  if (wrong.length) return check('metadata', title, false, `the metadata declares ${wrong.join(' and ')}`);
  if (unit === undefined || year === undefined) {
    const missing = [unit === undefined && 'production_unit', year === undefined && 'reference_year'].filter(Boolean).join(', ');
    return input.requireMetadata
      ? check('metadata', title, false, `the metadata lacks ${missing}`)
      : check('metadata', title, true, `no ${missing} in the metadata (not required of an incoming file)`);
  }
  return check('metadata', title, true, `production unit ${unit}, reference year ${year}`);
}

export async function checkRasterDataset(input: RasterCheckInput): Promise<{ checks: QcCheck[]; classes: ClassStat[] }> {
  const { ds } = input;
  // Synchronous getters first: none may run while an async read holds the dataset (gdal-async ASYNCIO.md).
  const srs = ds.srs;
  const code = srs?.getAuthorityCode(null);
  const gt = ds.geoTransform as [number, number, number, number, number, number] | null;
  const { x: width, y: height } = ds.rasterSize;
  const band = ds.bands.get(input.band ?? 1);
  const dataType = band.dataType;
  const nodata = band.noDataValue;
  const checks: QcCheck[] = [];

  const is3035 = !!srs && (code === String(STORE_EPSG) || srs.isSame(gdal.SpatialReference.fromEPSG(STORE_EPSG)));
  const crsName = srs ? (code ? `EPSG:${code}` : 'a CRS without EPSG code') : 'no CRS';
  checks.push(
    check(
      'crs',
      'CRS is EPSG:3035 (ETRS89-LAEA)',
      is3035,
      is3035 ? 'EPSG:3035' : `${crsName}; reproject: gdalwarp -t_srs EPSG:3035 -tr 10 10 -tap -r near`,
    ),
  );

  if (!gt) {
    checks.push(check('pixel-size', 'Pixels are 10 m, square, north-up', false, 'no georeferencing (geotransform)'));
    checks.push(check('grid-alignment', 'Pixel edges on the 10 m grid', false, 'no georeferencing (geotransform)'));
    checks.push(check('extent', 'Inside the production unit', false, 'no georeferencing (geotransform)'));
  } else {
    const [x0, px, rx, y0, ry, py] = gt;
    const square = near(px, PIXEL_SIZE) && near(py, -PIXEL_SIZE) && rx === 0 && ry === 0;
    checks.push(
      check(
        'pixel-size',
        'Pixels are 10 m, square, north-up',
        square,
        square
          ? '10 × 10 m'
          : rx !== 0 || ry !== 0
            ? 'the raster is rotated; warp it north-up: gdalwarp -t_srs EPSG:3035 -tr 10 10 -tap'
            : `${px} × ${-py} ${is3035 ? 'm ' : ''}pixels; the product has 10 m pixels (gdalwarp -tr 10 10 -tap -r near)`,
      ),
    );
    const off = (v: number) => Math.abs(v / PIXEL_SIZE - Math.round(v / PIXEL_SIZE)) > 1e-6;
    const aligned = !off(x0) && !off(y0);
    checks.push(
      check(
        'grid-alignment',
        'Pixel edges on the 10 m grid',
        aligned,
        aligned
          ? `origin (${x0}, ${y0})`
          : `origin (${x0}, ${y0}) is not on a multiple of 10 m; align it: gdalwarp -tr 10 10 -tap`,
      ),
    );
    const b: Bounds = { minX: x0, maxX: x0 + width * px, maxY: y0, minY: y0 + height * py };
    const u = input.unitBounds;
    const within =
      !!u && b.minX >= u.minX - 1e-6 && b.maxX <= u.maxX + 1e-6 && b.minY >= u.minY - 1e-6 && b.maxY <= u.maxY + 1e-6;
    const box = (x: Bounds) => `${x.minX}, ${x.minY} – ${x.maxX}, ${x.maxY}`;
    checks.push(
      check(
        'extent',
        'Inside the production unit',
        within,
        !u
          ? `unknown production unit ${input.unit}`
          : within
            ? `${box(b)} (unit ${box(u)})`
            : `${box(b)} reaches outside production unit ${input.unit} (${box(u)})`,
      ),
    );
  }

  const byte = dataType === gdal.GDT_Byte;
  checks.push(
    check(
      'data-type',
      '8-bit unsigned values',
      byte,
      byte ? 'Byte' : `${dataType} values; the product is 8-bit unsigned (gdal_translate -ot Byte)`,
    ),
  );
  const nodataOk = nodata === null || nodata === undefined || nodata === NODATA;
  checks.push(
    check(
      'nodata',
      'No-data value 255',
      nodataOk,
      nodataOk
        ? nodata === NODATA
          ? '255'
          : 'not declared (255 is read as no data)'
        : `no-data is ${nodata}; the product uses 255 (recode the pixels, then gdal_edit.py -a_nodata 255)`,
    ),
  );

  const { rat, metadata } = await readRat(ds, input.file);
  let classes: ClassStat[] = [];
  if (!byte) {
    checks.push(
      check('class-values', 'Every pixel is a legend value', false, `not checked: the values are ${dataType}, not 8-bit`),
    );
    checks.push(check('rat', 'Attribute table counts match the pixels', false, 'not checked: the values are not 8-bit'));
  } else {
    const hist = await histogramOf(input, width, height);
    const present = [...hist.keys()].filter((v) => hist[v]! > 0);
    const bad = present.filter((v) => !VALID_RASTER_VALUES.has(v));
    checks.push(
      check(
        'class-values',
        'Every pixel is a legend value',
        bad.length === 0,
        bad.length === 0
          ? `values ${present.join(', ')}`
          : `values outside the legend (1–11, 254 outside area, 255 no data): ${listValues(bad, hist)}`,
      ),
    );
    classes = present
      .filter((v) => v !== NODATA)
      .map((v) => ({ code: v, name: className(v), pixels: hist[v]!, areaKm2: hist[v]! * PIXEL_KM2 }));
    if (!rat)
      checks.push(
        input.file
          ? check(
              'rat',
              'Attribute table counts match the pixels',
              false,
              'no attribute table: a delivered class raster carries one with the pixel count of each class ' +
                '(Value, Count, Class_name in a .tif.aux.xml beside the file, as in the packages, or an ArcGIS .vat.dbf)',
            )
          : check(
              'rat',
              'Attribute table counts match the pixels',
              true,
              'a store group: no attribute table (its pixels are the counts)',
            ),
      );
    else {
      const values = [...new Set([...rat.counts.keys(), ...present.filter((v) => v !== NODATA)])].sort((a, b) => a - b);
      const wrong = values.filter((v) => (rat.counts.get(v) ?? 0) !== hist[v]);
      checks.push(
        check(
          'rat',
          'Attribute table counts match the pixels',
          !rat.problem && wrong.length === 0,
          rat.problem
            ? `${rat.source}: ${rat.problem}`
            : wrong.length === 0
              ? `${rat.source}: ${rat.counts.size} rows, counts exact`
              : `${rat.source}: ${wrong
                  .slice(0, 8)
                  .map((v) => `value ${v} counts ${rat.counts.get(v) ?? 'nothing'}, the pixels ${hist[v]}`)
                  .join('; ')}`,
        ),
      );
    }
  }
  checks.push(metadataCheck(metadata, input));
  return { checks, classes };
}
