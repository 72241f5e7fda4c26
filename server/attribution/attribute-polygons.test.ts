/**
 * Vector class attribution against an independent computation: GDAL's own rasterizer and numpy in Debian's Python
 * (test/python/class_attribution.py) must give the same count for every polygon and every raster value, for
 * awkward polygons (holes, several parts, overlaps, thin slivers, edges across units, parts outside the raster) in
 * EPSG:4326 over the tiny store's GeoTIFFs; the store's raster must give the same as its GeoTIFFs; the store's own
 * polygons are attributed with their class; the CSV says what the methods promise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import gdal from '~/server/geo/gdal';
import { vectorClassAttributionParams } from '~/server/services/params/attribution';
import { parseSourceRoots } from '~/server/storage/source-path';
import { useOrderKit } from '~/test/orders';
import { attributePolygons, type AttributionDeps } from './attribute-polygons';

const kit = useOrderKit();
const SPU = 'SPU_E477N279'; // the tiny store's one sub-production unit: 4780000–4800000 E, 2800000–2820000 N
let inbox: string;
let rasters: string[];
let deps: AttributionDeps;

/** A deterministic generator (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ring = (rnd: () => number, cx: number, cy: number, r: number, n: number, scale = 1) => {
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const d = r * scale * (0.4 + 0.6 * rnd());
    pts.push([cx + d * Math.cos(a), cy + d * Math.sin(a)]);
  }
  return [...pts, pts[0]!];
};

/** ~150 polygons in EPSG:3035 written in EPSG:4326 with a string id: stars, holes, two-part polygons, slivers. */
function writePolygons(file: string) {
  const rnd = random(42);
  const wgs84 = gdal.SpatialReference.fromEPSG(4326);
  const laea = gdal.SpatialReference.fromEPSG(3035);
  const ct = new gdal.CoordinateTransformation(laea, wgs84);
  const ds = gdal.open(file, 'w', 'GPKG');
  const layer = ds.layers.create('parcels', wgs84, gdal.wkbMultiPolygon);
  layer.fields.add(new gdal.FieldDefn('parcel', gdal.OFTString));
  const add = (id: string, polygons: number[][][][]) => {
    const f = new gdal.Feature(layer);
    f.fields.set('parcel', id);
    const g = gdal.Geometry.fromGeoJson({ type: 'MultiPolygon', coordinates: polygons });
    g.transform(ct);
    f.setGeometry(g);
    layer.features.add(f);
  };
  for (let i = 0; i < 150; i++) {
    // Centres across the unit and a little beyond the store (which ends at 4800000 E and 2820000 N).
    const cx = 4780000 + rnd() * 21_000;
    const cy = 2800000 + rnd() * 21_000;
    const r = 30 + rnd() * (i % 10 === 0 ? 3000 : 600);
    const n = 5 + Math.floor(rnd() * 40);
    const kind = i % 4;
    const outer = ring(rnd, cx, cy, r, n);
    if (kind === 1) add(`P${i}`, [[outer, ring(rnd, cx, cy, r, 7, 0.3).reverse()]]);
    else if (kind === 2) add(`P${i}`, [[outer], [ring(rnd, cx + 3 * r, cy - r, r / 2, 9)]]);
    else if (kind === 3) {
      const [x, y] = [cx, cy];
      add(`P${i}`, [
        [
          [
            [x, y],
            [x + r * 5, y + 7],
            [x + r * 5, y + 19],
            [x, y],
          ],
        ],
      ]); // a sliver a few pixels wide
    } else add(`P${i}`, [[outer]]);
  }
  ds.close();
}

type Counts = Record<string, Record<string, number>>;

const python = (args: string[]): Counts =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [path.resolve('test/python/class_attribution.py'), ...args], {
      maxBuffer: 1 << 28,
    }).toString(),
  ) as Counts;

/** Our counts from the CSV of an absolute_count run over every value 0–255. */
async function ours(body: Record<string, unknown>, name: string): Promise<{ counts: Counts; rows: Record<string, string>[] }> {
  const dir = path.join(kit.dir, 'out', name);
  fs.mkdirSync(dir, { recursive: true });
  const p = vectorClassAttributionParams.parse({
    subproduction_unit_name: SPU,
    reference_year: 2021,
    method: 'absolute_count',
    method_params: Array.from({ length: 256 }, (_, v) => v),
    col_names: Array.from({ length: 256 }, (_, v) => `v${v}`),
    ...body,
  });
  await attributePolygons(deps, p, { dir, baseName: name });
  const rows = parse(fs.readFileSync(path.join(dir, `${name}.csv`)), { delimiter: ';', columns: true }) as Record<
    string,
    string
  >[];
  const counts: Counts = {};
  for (const r of rows) {
    const id = Object.values(r)[0]!;
    counts[id] = {};
    for (let v = 0; v < 256; v++) if (Number(r[`v${v}`]) > 0) counts[id][String(v)] = Number(r[`v${v}`]);
    // The no-data value is not counted by the table: add it back from the excluded pixels to compare every pixel.
    if (Number(r.excluded_pixels) > 0) counts[id]['255'] = Number(r.excluded_pixels);
  }
  return { counts, rows };
}

beforeAll(() => {
  inbox = path.join(kit.dir, 'inbox');
  fs.mkdirSync(inbox, { recursive: true });
  const tifDir = path.join(kit.dir, 'demo', 'tiny', 'raster');
  rasters = fs
    .readdirSync(tifDir)
    .filter((f) => f.endsWith('.tif'))
    .map((f) => {
      fs.copyFileSync(path.join(tifDir, f), path.join(inbox, f));
      return path.join(inbox, f);
    });
  writePolygons(path.join(inbox, 'parcels.gpkg'));
  deps = {
    db: kit.t.db,
    storeDir: kit.storeDir,
    products: { raster: 'clcplus_raster', vector: 'clcplus_vector' },
    sourceRoots: parseSourceRoots(inbox),
  };
});

describe('vector class attribution', () => {
  it('equals gdal_rasterize + numpy for every polygon and every value (EPSG:4326 polygons over GeoTIFFs)', async () => {
    const expected = python([path.join(inbox, 'parcels.gpkg'), 'parcel', ...rasters]);
    const { counts } = await ours({ vector: 'parcels.gpkg', raster: rasters, id_column: 'parcel' }, 'files');
    expect(Object.keys(counts).length).toBeGreaterThan(100);
    // Every polygon of the file intersects the unit except those wholly beyond it: the same set both ways.
    const inUnit = Object.keys(expected).filter((id) => id in counts);
    expect(inUnit.length).toBe(Object.keys(counts).length);
    for (const id of Object.keys(counts)) expect({ id, counts: counts[id] }).toEqual({ id, counts: expected[id] });
    // Non-trivial: several values under many polygons, and some polygons partly outside the raster.
    expect(Object.values(counts).filter((c) => Object.keys(c).length > 2).length).toBeGreaterThan(20);
  });

  it('the store raster gives the same counts as its GeoTIFFs', async () => {
    const files = await ours({ vector: 'parcels.gpkg', raster: rasters, id_column: 'parcel' }, 'files2');
    const store = await ours({ vector: 'parcels.gpkg', id_column: 'parcel' }, 'store');
    // Outside the store the store reads no data (255) where the files have no pixel at all.
    for (const id of Object.keys(files.counts)) {
      const s = { ...store.counts[id] };
      const f = { ...files.counts[id] };
      delete s['255'];
      delete f['255'];
      expect({ id, s }).toEqual({ id, s: f });
    }
  });

  it("the store's own polygons: every one intersecting the unit, attributed with its class", async () => {
    const { rows } = await ours({ method: 'majority relative_count', method_params: undefined, col_names: undefined }, 'product');
    expect(rows.length).toBeGreaterThan(50);
    expect(rows[0]!.id).toMatch(/^10kmE\d+N\d+:\d+$/);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      const rel = Array.from({ length: 11 }, (_, i) => Number(r[`class_${i + 1}`] || 0));
      expect(Math.abs(rel.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
      expect(Number(r.majority)).toBe(rel.indexOf(Math.max(...rel)) + 1);
      expect(r.subproduction_unit).toBe(SPU);
    }
  });

  it('area and na_value: the area is count × 100 m², and the excluded value is not counted', async () => {
    const dir = path.join(kit.dir, 'out', 'area');
    fs.mkdirSync(dir, { recursive: true });
    const p = vectorClassAttributionParams.parse({
      subproduction_unit_name: SPU,
      reference_year: '2021',
      method: ['absolute_count', 'area'],
      method_params: '1 6',
      col_names: 'sealed grass',
      na_value: 6,
      vector: 'parcels.gpkg',
      raster: rasters.join(' '),
      id_column: 'parcel',
    });
    const s = await attributePolygons(deps, p, { dir, baseName: 'area' });
    const rows = parse(fs.readFileSync(path.join(dir, 'area.csv')), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      'parcel',
      'subproduction_unit',
      'reference_year',
      'counted_pixels',
      'excluded_pixels',
      'sealed_count',
      'grass_count',
      'sealed_m2',
      'grass_m2',
    ]);
    for (const r of rows) {
      expect(Number(r.sealed_m2)).toBe(Number(r.sealed_count) * 100);
      expect(r.grass_count).toBe('0');
    }
    expect(s.polygons).toBe(rows.length);
    expect(fs.readFileSync(path.join(dir, s.report), 'utf8')).toContain(`${rows.length} intersecting the sub-production unit`);
  });

  it('refuses a source outside the allowed folders and a missing id column, clearly', async () => {
    const dir = path.join(kit.dir, 'out', 'bad');
    fs.mkdirSync(dir, { recursive: true });
    const base = { subproduction_unit_name: SPU, reference_year: 2021, method: 'majority' };
    await expect(
      attributePolygons(deps, vectorClassAttributionParams.parse({ ...base, vector: '/etc/passwd' }), { dir, baseName: 'x' }),
    ).rejects.toThrow(/vector: \/etc\/passwd is not allowed/);
    await expect(
      attributePolygons(deps, vectorClassAttributionParams.parse({ ...base, vector: 'parcels.gpkg', id_column: 'nope' }), {
        dir,
        baseName: 'x',
      }),
    ).rejects.toThrow(/id_column: .* has no attribute "nope" \(it has parcel\)/);
  });
});
