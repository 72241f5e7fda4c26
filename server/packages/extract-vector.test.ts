/**
 * The vector extract on a small store of two units: clipped to an AOI (areas as GEOS on the whole AOI), everything
 * for Europe, the same result through the GeoPackage copies or without them, progress reported and cancellation
 * honoured. Per-class areas near the area limit against PostGIS: extract-aoi-edges.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { useTempDir } from '~/test/geo';
import gdal from '../geo/gdal';
import { densify } from '../geo/densify';
import { findGroup } from '../storage/find-groups';
import { CLASSES } from '../storage/legend';
import { sidecarOf } from '../storage/vector-sidecar';
import { ingestVector } from '../storage/vector-store';
import { extractVector } from './extract-vector';

const t = useTestDatabase();
const tmp = useTempDir();
const storeDir = path.join(tmp, 'store');
const deps = () => ({ db: t.db, storeDir });
const allowed = new Set(CLASSES.map((c) => c.code));
const product = { productCode: 'clcplus_vector', year: 2021 };

/** A unit of 10 × 10 squares of 100 m at (x, y). */
function unit(file: string, x: number, y: number) {
  const ds = gdal.open(file, 'w', 'GPKG');
  const layer = ds.layers.create('u', gdal.SpatialReference.fromEPSG(3035), gdal.wkbMultiPolygon);
  layer.fields.add(new gdal.FieldDefn('class', gdal.OFTInteger));
  for (let i = 0; i < 100; i++) {
    const [x0, y0] = [x + (i % 10) * 100, y + Math.floor(i / 10) * 100];
    const f = new gdal.Feature(layer);
    f.setGeometry(
      gdal.Geometry.fromGeoJson({
        type: 'Polygon',
        coordinates: [
          [
            [x0, y0],
            [x0 + 100, y0],
            [x0 + 100, y0 + 100],
            [x0, y0 + 100],
            [x0, y0],
          ],
        ],
      }),
    );
    f.fields.set('class', 1 + (i % 11));
    layer.features.add(f);
  }
  ds.close();
  return file;
}

// A triangle in lon/lat over both units (its edges cut squares, some squares lie wholly inside).
const ring3035 = [
  [4_800_050, 2_810_050],
  [4_801_950, 2_810_120],
  [4_800_400, 2_810_950],
  [4_800_050, 2_810_050],
];
const to4326 = gdal.Geometry.fromGeoJson({ type: 'Polygon', coordinates: [ring3035] });
to4326.srs = gdal.SpatialReference.fromEPSG(3035);
to4326.transformTo(gdal.SpatialReference.fromEPSG(4326));
const AOI = to4326.toObject() as { type: 'Polygon'; coordinates: number[][][] };

const run = () => ({ signal: new AbortController().signal, progress: async () => {} });
function layerOf(file: string) {
  const ds = gdal.open(file);
  const l = ds.layers.get(0);
  let area = 0;
  for (const f of l.features) area += (f.getGeometry() as unknown as { getArea(): number }).getArea();
  const out = { name: l.name, count: l.features.count(), area, fields: l.fields.getNames() };
  ds.close();
  return out;
}

beforeAll(async () => {
  for (const [group, x] of [
    ['west', 4_800_000],
    ['east', 4_801_000],
  ] as const) {
    await ingestVector(deps(), {
      product: 'clcplus_vector',
      referenceYear: 2021,
      group,
      file: unit(path.join(tmp, `${group}.gpkg`), x, 2_810_000),
      allowedValues: allowed,
    });
  }
});

describe('extractVector', () => {
  it('clips to the AOI as GEOS does on the whole densified AOI, through the copies or without them', async () => {
    const file = path.join(tmp, 'aoi.gpkg');
    const v = await extractVector(deps(), { ...product, area4326: AOI, epsg: 3035, file }, run());
    const want = (gdal.Geometry.fromGeoJson(densify(AOI, 3035).projected) as unknown as { getArea(): number }).getArea();
    const got = layerOf(file);
    expect(got.name).toBe('clcplus_vector_2021');
    expect(got.fields).toEqual(['class']);
    expect(got.count).toBe(v.features);
    // The squares tile both units: what is kept of them is the AOI itself.
    expect(Math.abs(got.area - want) / want).toBeLessThan(1e-9);

    // Without the copies (removed): rebuilt on the way, the same cut.
    for (const g of ['west', 'east'])
      fs.rmSync(
        sidecarOf(
          path.join(storeDir, (await findGroup(t.db, { product: 'clcplus_vector', referenceYear: 2021, group: g }))!.filePath),
        ),
      );
    const again = path.join(tmp, 'aoi-again.gpkg');
    await extractVector(deps(), { ...product, area4326: AOI, epsg: 3035, file: again }, run());
    expect(layerOf(again)).toEqual(got);
  });

  it('takes every feature of every group for Europe, reprojected when asked', async () => {
    const file = path.join(tmp, 'europe.gpkg');
    const v = await extractVector(deps(), { ...product, epsg: 3035, file }, run());
    expect(v.features).toBe(200);
    expect(layerOf(file).area).toBeCloseTo(2_000_000, 3);
    const at = path.join(tmp, 'europe-31287.gpkg');
    await extractVector(deps(), { ...product, epsg: 31287, file: at }, run());
    expect(gdal.open(at).layers.get(0).srs!.getAuthorityCode(null)).toBe('31287');
  });

  it('reports progress up to 95 % and stops when cancelled, leaving no file', async () => {
    const seen: number[] = [];
    await extractVector(
      deps(),
      { ...product, area4326: AOI, epsg: 3035, file: path.join(tmp, 'p.gpkg') },
      { signal: new AbortController().signal, progress: async (p) => void seen.push(p) },
    );
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(95);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    const ac = new AbortController();
    const file = path.join(tmp, 'cancelled.gpkg');
    const cut = extractVector(
      deps(),
      { ...product, area4326: AOI, epsg: 3035, file },
      { signal: ac.signal, progress: async () => ac.abort(new Error('cancelled by the client')) },
    );
    await expect(cut).rejects.toThrow('cancelled by the client');
    expect(fs.existsSync(file)).toBe(false);
  });
});
