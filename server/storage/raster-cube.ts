/**
 * Raster cubes as CF-1.8 netCDF-4 files, written with h5wasm: `<variable>(time, y, x)` uint8, chunked and
 * deflate-compressed, x/y coordinates (pixel centres, metres) and `time` (days since 1970-01-01), a grid-mapping
 * variable `crs` for EPSG:3035 (LAEA parameters, `crs_wkt`, `spatial_ref`, `GeoTransform`), `_FillValue` 255,
 * class flags from the legend, and global attributes. The files open unchanged in ncdump, GDAL and xarray.
 *
 * Writing streams row blocks (`readBlock`), so a large unit never has to fit in memory.
 */
import gdal from '../geo/gdal';
import { geoTransform, type Grid } from './grid';
import { h5, numAttr, textAttr, type H5Dataset } from './h5';
import { LEGEND, NODATA } from './legend';

/** Chunk shape (rows × columns of one time step), chosen by bench/store.ts (see docs/storage.md). */
export const DEFAULT_CHUNK: [number, number] = [256, 256];
export const DEFLATE_LEVEL = 4;

export type LayerKind = 'classes' | 'confidence' | 'data_score';

export type CubeMeta = {
  product: string;
  title: string;
  referenceYear: number;
  group: string;
  variable: string;
  kind: LayerKind;
  source: string;
  history: string;
};

export type CubeInfo = { grid: Grid; times: Date[]; variable: string; meta: Record<string, string | number> };

const DAY_MS = 86_400_000;
let wktCache: string | undefined;
export const epsg3035Wkt = () => (wktCache ??= gdal.SpatialReference.fromEPSG(3035).toWKT());

export async function writeRasterCube(
  file: string,
  opts: {
    grid: Grid;
    times: Date[];
    meta: CubeMeta;
    /** Pixels of time step `t`, rows [row, row + rows), all columns, row-major. */
    readBlock: (t: number, row: number, rows: number) => Promise<Uint8Array>;
    chunk?: [number, number];
    onProgress?: (rowsDone: number, totalRows: number) => void;
    signal?: AbortSignal;
  },
): Promise<void> {
  const h5wasm = await h5();
  const { grid, times, meta } = opts;
  const chunk = opts.chunk ?? DEFAULT_CHUNK;
  const [cy, cx] = [Math.min(chunk[0], grid.height), Math.min(chunk[1], grid.width)];
  const f = new h5wasm.File(file, 'w', { track_order: true });
  try {
    textAttr(f, 'Conventions', 'CF-1.8');
    textAttr(f, 'title', meta.title);
    textAttr(f, 'product', meta.product);
    numAttr(f, 'reference_year', meta.referenceYear, '<i');
    textAttr(f, 'production_unit', meta.group);
    textAttr(f, 'institution', 'European Environment Agency (EEA), Copernicus Land Monitoring Service');
    textAttr(f, 'source', meta.source);
    textAttr(f, 'history', meta.history);

    // Coordinate variables: each is also the netCDF dimension of its name.
    const coordinate = (name: string, data: Float64Array, attrs: Record<string, string>) => {
      const v = f.create_dataset({ name, data, shape: [data.length], dtype: '<d' });
      v.make_scale(name);
      for (const [k, val] of Object.entries(attrs)) textAttr(v, k, val);
    };
    coordinate('time', new Float64Array(times.map((d) => d.getTime() / DAY_MS)), {
      standard_name: 'time',
      long_name: 'reference date',
      units: 'days since 1970-01-01 00:00:00',
      calendar: 'standard',
      axis: 'T',
    });
    coordinate(
      'y',
      new Float64Array(grid.height).map((_, j) => grid.y0 - grid.pixelSize * (j + 0.5)),
      {
        standard_name: 'projection_y_coordinate',
        long_name: 'y coordinate of projection (pixel centre)',
        units: 'm',
        axis: 'Y',
      },
    );
    coordinate(
      'x',
      new Float64Array(grid.width).map((_, i) => grid.x0 + grid.pixelSize * (i + 0.5)),
      {
        standard_name: 'projection_x_coordinate',
        long_name: 'x coordinate of projection (pixel centre)',
        units: 'm',
        axis: 'X',
      },
    );

    const crs = f.create_dataset({ name: 'crs', data: new Int32Array([0]), shape: [], dtype: '<i' });
    textAttr(crs, 'grid_mapping_name', 'lambert_azimuthal_equal_area');
    numAttr(crs, 'longitude_of_projection_origin', 10);
    numAttr(crs, 'latitude_of_projection_origin', 52);
    numAttr(crs, 'false_easting', 4321000);
    numAttr(crs, 'false_northing', 3210000);
    numAttr(crs, 'semi_major_axis', 6378137);
    numAttr(crs, 'inverse_flattening', 298.257222101);
    textAttr(crs, 'crs_wkt', epsg3035Wkt());
    textAttr(crs, 'spatial_ref', epsg3035Wkt());
    textAttr(crs, 'GeoTransform', geoTransform(grid).join(' '));
    textAttr(crs, 'epsg_code', 'EPSG:3035');

    const v = f.create_dataset({
      name: meta.variable,
      data: new Uint8Array(0),
      shape: [times.length, 0, grid.width],
      maxshape: [times.length, grid.height, grid.width],
      dtype: '<B',
      chunks: [1, cy, cx],
      compression: 'gzip',
      compression_opts: DEFLATE_LEVEL,
    });
    v.attach_scale(0, 'time');
    v.attach_scale(1, 'y');
    v.attach_scale(2, 'x');
    numAttr(v, '_FillValue', NODATA, '<B');
    textAttr(v, 'grid_mapping', 'crs');
    if (meta.kind === 'classes') {
      textAttr(v, 'long_name', 'CLC+ Backbone land cover class');
      v.create_attribute(
        'flag_values',
        new Uint8Array(LEGEND.filter((c) => c.code !== NODATA).map((c) => c.code)),
        null,
        '<B' as never,
      );
      textAttr(
        v,
        'flag_meanings',
        LEGEND.filter((c) => c.code !== NODATA)
          .map((c) => c.slug)
          .join(' '),
      );
      textAttr(
        v,
        'flag_colors',
        LEGEND.filter((c) => c.code !== NODATA)
          .map((c) => c.color)
          .join(' '),
      );
    } else {
      textAttr(v, 'long_name', meta.kind === 'confidence' ? 'classification confidence' : 'data score');
      textAttr(v, 'units', meta.kind === 'confidence' ? 'percent' : '1');
      v.create_attribute('valid_range', new Uint8Array([0, 100]), null, '<B' as never);
    }

    // Stream row blocks of one chunk height, every time step.
    for (let row = 0; row < grid.height; row += cy) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      const rows = Math.min(cy, grid.height - row);
      v.resize([times.length, row + rows, grid.width]);
      for (let ti = 0; ti < times.length; ti++) {
        const block = await opts.readBlock(ti, row, rows);
        if (block.length !== rows * grid.width)
          throw new Error(`readBlock returned ${block.length} values, expected ${rows * grid.width}`);
        v.write_slice(
          [
            [ti, ti + 1],
            [row, row + rows],
            [0, grid.width],
          ],
          block,
        );
      }
      opts.onProgress?.(row + rows, grid.height);
    }
  } finally {
    f.close();
  }
}

/**
 * A cube's variable and time steps through GDAL's multidimensional API (~10 ms): what an order needs to read it, without
 * loading h5wasm (whose WebAssembly memory is ~590 MB resident) into the worker.
 */
export function readCubeTimes(file: string): { variable: string; times: Date[] } {
  const ds = gdal.open(file, 'mr');
  try {
    const names = ds.root.arrays.names;
    const variable = names.find((k) => !['x', 'y', 'time', 'crs'].includes(k)) ?? 'landcover';
    const time = ds.root.arrays.get('time');
    const days = time.read({ origin: [0], span: [time.length] }) as Float64Array;
    return { variable, times: Array.from(days, (d) => new Date(d * DAY_MS)) };
  } finally {
    ds.close();
  }
}

/** Reads a cube's grid, time steps and global attributes (no pixels). */
export async function readCubeInfo(file: string): Promise<CubeInfo> {
  const h5wasm = await h5();
  const f = new h5wasm.File(file, 'r');
  try {
    const x = f.get('x') as H5Dataset;
    const y = f.get('y') as H5Dataset;
    const time = f.get('time') as H5Dataset;
    const width = x.shape![0]!;
    const height = y.shape![0]!;
    const x01 = x.slice([[0, 2]]) as Float64Array;
    const y0 = (y.slice([[0, 1]]) as Float64Array)[0]!;
    const pixelSize = width > 1 ? x01[1]! - x01[0]! : 10;
    const times = Array.from(time.value as Float64Array, (d) => new Date(d * DAY_MS));
    const meta: Record<string, string | number> = {};
    for (const [k, a] of Object.entries(f.attrs)) {
      const val = (a as { value: unknown }).value;
      meta[k] =
        typeof val === 'string'
          ? val
          : Number(Array.isArray(val) || ArrayBuffer.isView(val) ? (val as ArrayLike<number>)[0] : val);
    }
    const variable = (f.keys() as string[]).find((k) => !['x', 'y', 'time', 'crs'].includes(k)) ?? 'landcover';
    return {
      grid: { x0: x01[0]! - pixelSize / 2, y0: y0 + pixelSize / 2, width, height, pixelSize },
      times,
      variable,
      meta,
    };
  } finally {
    f.close();
  }
}
