/**
 * Vector layers in the store: CF-1.8 geometries that ogrinfo opens, lossless round trips (ST_Equals in PostGIS),
 * reads by group, bounds and attribute, upserts and updates.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { run, useTempDir } from '~/test/geo';
import gdal from '../geo/gdal';
import { findGroup } from './find-groups';
import { CLASSES } from './legend';
import {
  ingestVector,
  readVectorByAttribute,
  readVectorByBounds,
  readVectorByGroup,
  updateVectorByAttribute,
  upsertVectorByGroup,
} from './vector-store';

const t = useTestDatabase();
const tmp = useTempDir();
const storeDir = path.join(tmp, 'store');
const deps = () => ({ db: t.db, storeDir });
const ref = { product: 'clcplus_vector', referenceYear: 2021 };
const allowed = new Set(CLASSES.map((c) => c.code));

const sq = (x: number, y: number, d: number) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
// Unit 1: a field with a hole (a pond), a forest, and a multipolygon (two meadows); unit 2 beside it.
const FEATURES = [
  {
    id: 1,
    class: 7,
    wkt: { type: 'Polygon', coordinates: [sq(4_800_000, 2_810_000, 1000), sq(4_800_200, 2_810_200, 300).reverse()] },
  },
  { id: 2, class: 10, wkt: { type: 'Polygon', coordinates: [sq(4_800_200, 2_810_200, 300)] } },
  { id: 3, class: 2, wkt: { type: 'Polygon', coordinates: [sq(4_801_000, 2_810_000, 1000)] } },
  {
    id: 4,
    class: 6,
    wkt: { type: 'MultiPolygon', coordinates: [[sq(4_800_000, 2_811_000, 500)], [sq(4_801_000, 2_811_000, 500)]] },
  },
];

function gpkg(file: string, features: { id: number; class: number; wkt: object }[], epsg = 3035) {
  const ds = gdal.open(file, 'w', 'GPKG');
  const layer = ds.layers.create('clcplus', gdal.SpatialReference.fromEPSG(epsg), gdal.wkbMultiPolygon);
  layer.fields.add(new gdal.FieldDefn('id', gdal.OFTInteger));
  layer.fields.add(new gdal.FieldDefn('class', gdal.OFTInteger));
  layer.fields.add(new gdal.FieldDefn('name', gdal.OFTString));
  for (const f of features) {
    const feat = new gdal.Feature(layer);
    feat.setGeometry(gdal.Geometry.fromGeoJson(f.wkt));
    feat.fields.set({ id: f.id, class: f.class, name: CLASSES.find((c) => c.code === f.class)!.slug });
    layer.features.add(feat);
  }
  ds.close();
  return file;
}

let src: string;
beforeAll(async () => {
  src = gpkg(path.join(tmp, 'unit1.gpkg'), FEATURES);
  await ingestVector(deps(), { ...ref, group: 'u1', file: src, allowedValues: allowed });
  const shifted = FEATURES.map((f) => ({
    ...f,
    id: f.id + 10,
    wkt: JSON.parse(JSON.stringify(f.wkt).replace(/4800/g, '4802').replace(/4801/g, '4803')),
  }));
  await ingestVector(deps(), { ...ref, group: 'u2', file: gpkg(path.join(tmp, 'unit2.gpkg'), shifted), allowedValues: allowed });
});

const file = async (group: string) => path.join(storeDir, (await findGroup(t.db, { ...ref, group }))!.filePath);

describe('vector layers', () => {
  it('are CF-1.8 geometry containers that ogrinfo reads with every feature and attribute', async () => {
    const header = run('ncdump', ['-h', await file('u1')]);
    expect(header).toContain(':Conventions = "CF-1.8"');
    expect(header).toMatch(/:geometry_type = "polygon"/);
    expect(header).toMatch(/:interior_ring = /);
    const info = run('ogrinfo', ['-ro', '-al', '-so', await file('u1')]);
    expect(info).toMatch(/Feature Count: 4/);
    expect(info).toMatch(/class: Integer/);
    expect(info).toMatch(/name: String/);
    expect(info).toMatch(/ID\["EPSG",3035\]|AUTHORITY\["EPSG","3035"\]/);
  });

  it('round-trip every geometry (ST_Equals in PostGIS) and attribute', async () => {
    const back = await readVectorByGroup(deps(), { ...ref, group: 'u1' });
    expect(back).toHaveLength(4);
    for (const f of FEATURES) {
      const b = back.find((x) => x.properties.id === f.id)!;
      expect(b.properties).toMatchObject({ class: f.class, name: CLASSES.find((c) => c.code === f.class)!.slug });
      const [eq] = await t.db.execute<{ same: boolean }>(
        sql`select ST_Equals(ST_GeomFromGeoJSON(${JSON.stringify(b.geometry)}), ST_GeomFromGeoJSON(${JSON.stringify(f.wkt)})) as same`,
      );
      expect(eq!.same, `feature ${f.id}`).toBe(true);
    }
  });

  it('read by bounds with intersects, within and contains, across groups', async () => {
    const area = { type: 'Polygon', coordinates: [sq(4_800_900, 2_810_100, 1500)] };
    const ids = async (relation: 'intersects' | 'within' | 'contains') =>
      (await readVectorByBounds(deps(), { ...ref, area, relation }))
        .map((f) => f.properties.id)
        .sort((a, b) => Number(a) - Number(b));
    expect(await ids('intersects')).toEqual([1, 3, 4, 11, 12, 13, 14]);
    expect(await ids('within')).toEqual([]);
    const inner = { type: 'Polygon', coordinates: [sq(4_801_100, 2_810_100, 100)] };
    expect((await readVectorByBounds(deps(), { ...ref, area: inner, relation: 'contains' })).map((f) => f.properties.id)).toEqual(
      [3],
    );
  });

  it('read by attribute with comparisons', async () => {
    expect(
      (await readVectorByAttribute(deps(), { ...ref, field: 'class', op: '=', value: 10 })).map((f) => f.properties.id),
    ).toEqual([2, 12]);
    expect((await readVectorByAttribute(deps(), { ...ref, field: 'class', op: '>=', value: 7 })).length).toBe(4);
  });

  it('upsert by group: equal geometries update attributes, new ones are appended', async () => {
    await upsertVectorByGroup(deps(), {
      ...ref,
      group: 'u1',
      features: [
        { geometry: FEATURES[2]!.wkt as never, properties: { class: 3, name: 'woody_broadleaved_deciduous_trees' } },
        {
          geometry: { type: 'Polygon', coordinates: [sq(4_801_500, 2_811_100, 200)] },
          properties: { id: 5, class: 5, name: 'shrubs' },
        },
      ],
    });
    const back = await readVectorByGroup(deps(), { ...ref, group: 'u1' });
    expect(back).toHaveLength(5);
    expect(back.find((f) => f.properties.id === 3)!.properties.class).toBe(3);
    expect(back.find((f) => f.properties.id === 5)!.properties.class).toBe(5);
  });

  it('upsert by bounds: features whose centroid is within the bounds go to the group holding them', async () => {
    const { upsertVectorByBounds } = await import('./vector-store');
    const inU2 = {
      geometry: { type: 'Polygon' as const, coordinates: [sq(4_802_600, 2_811_100, 100)] },
      properties: { id: 21, class: 9, name: 'sparse' },
    };
    const outside = {
      geometry: { type: 'Polygon' as const, coordinates: [sq(4_800_100, 2_811_100, 100)] },
      properties: { id: 22, class: 9, name: 'sparse' },
    };
    const r = await upsertVectorByBounds(deps(), {
      ...ref,
      bounds: { minX: 4_802_000, minY: 2_810_000, maxX: 4_803_000, maxY: 2_812_000 },
      features: [inU2, outside],
    });
    expect(r.map((x) => [x.group, x.features])).toEqual([['u2', 5]]);
    const u2 = await readVectorByGroup(deps(), { ...ref, group: 'u2' });
    expect(u2.find((f) => f.properties.id === 21)).toBeTruthy();
    const u1 = await readVectorByGroup(deps(), { ...ref, group: 'u1' });
    expect(u1.find((f) => f.properties.id === 22)).toBeUndefined();
  });

  it('update by attribute across groups', async () => {
    const r = await updateVectorByAttribute(deps(), { ...ref, field: 'class', op: '=', value: 10, set: { name: 'water_body' } });
    expect(r.updated).toBe(2);
    const water = await readVectorByAttribute(deps(), { ...ref, field: 'name', op: '=', value: 'water_body' });
    expect(water.map((f) => String(f.group)).sort((a, b) => a.localeCompare(b))).toEqual(['u1', 'u2']);
  });

  it('refuses a layer in another CRS, invalid geometries and unknown classes', async () => {
    await expect(
      ingestVector(deps(), {
        ...ref,
        group: 'u3',
        file: gpkg(path.join(tmp, 'wgs.gpkg'), FEATURES.slice(0, 1), 4326),
        allowedValues: allowed,
      }),
    ).rejects.toMatchObject({
      storeReason: 'CRS_MISMATCH',
    });
    const bowtie = [
      {
        id: 9,
        class: 7,
        wkt: {
          type: 'Polygon',
          coordinates: [
            [
              [4_805_000, 2_810_000],
              [4_806_000, 2_811_000],
              [4_806_000, 2_810_000],
              [4_805_000, 2_811_000],
              [4_805_000, 2_810_000],
            ],
          ],
        },
      },
    ];
    await expect(
      ingestVector(deps(), { ...ref, group: 'u3', file: gpkg(path.join(tmp, 'bowtie.gpkg'), bowtie), allowedValues: allowed }),
    ).rejects.toMatchObject({
      storeReason: 'INVALID_GEOMETRY',
    });
    // Class 7 is refused where only class 1 is allowed.
    await expect(
      ingestVector(deps(), {
        ...ref,
        group: 'u3',
        file: gpkg(path.join(tmp, 'class7.gpkg'), FEATURES.slice(0, 1)),
        allowedValues: new Set([1]),
      }),
    ).rejects.toMatchObject({
      storeReason: 'INVALID_VALUES',
    });
    expect(await findGroup(t.db, { ...ref, group: 'u3' })).toBeNull();
  });
});
