/**
 * The GeoPackage copy of each vector group (vector-sidecar.ts): written with every version, the same features and
 * attributes as the netCDF archive, rebuilt when missing or stale, the netCDF file read when it cannot be rebuilt,
 * removed with its version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { run, useTempDir } from '~/test/geo';
import gdal from '../geo/gdal';
import { findGroup } from './find-groups';
import { CLASSES } from './legend';
import { ingestVector, readVectorByBounds, readVectorByGroup, upsertVectorByGroup, type VectorFeature } from './vector-store';
import { openVectorGroup, sidecarOf } from './vector-sidecar';

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

/** A unit of `n` × `n` squares of 100 m at (x, y), one in three without a name (a null attribute). */
function unit(file: string, x: number, y: number, n = 6) {
  const ds = gdal.open(file, 'w', 'GPKG');
  const layer = ds.layers.create('clcplus', gdal.SpatialReference.fromEPSG(3035), gdal.wkbMultiPolygon);
  layer.fields.add(new gdal.FieldDefn('id', gdal.OFTInteger));
  layer.fields.add(new gdal.FieldDefn('class', gdal.OFTInteger));
  layer.fields.add(new gdal.FieldDefn('name', gdal.OFTString));
  layer.fields.add(new gdal.FieldDefn('area_m2', gdal.OFTReal));
  for (let i = 0; i < n * n; i++) {
    const f = new gdal.Feature(layer);
    f.setGeometry(
      gdal.Geometry.fromGeoJson({ type: 'Polygon', coordinates: [sq(x + (i % n) * 100, y + Math.floor(i / n) * 100, 100)] }),
    );
    f.fields.set({ id: i, class: 1 + (i % 11), area_m2: 10_000.5 });
    if (i % 3) f.fields.set('name', `square ${i}`);
    layer.features.add(f);
  }
  ds.close();
  return file;
}

const ncOf = async (group: string) => path.join(storeDir, (await findGroup(t.db, { ...ref, group }))!.filePath);

/** The features as GDAL's netCDF driver reads the archive: the reference the copy must equal. */
function fromNetcdf(file: string): string[] {
  const ds = gdal.open(file);
  const out = [...ds.layers.get(0).features].map((f) => JSON.stringify([f.fields.toObject(), f.getGeometry()!.toObject()]));
  ds.close();
  return out.sort();
}
const asRows = (fs: VectorFeature[]) => fs.map((f) => JSON.stringify([f.properties, f.geometry])).sort();

beforeAll(async () => {
  await ingestVector(deps(), {
    ...ref,
    group: 'a',
    file: unit(path.join(tmp, 'a.gpkg'), 4_800_000, 2_810_000),
    allowedValues: allowed,
  });
  await ingestVector(deps(), {
    ...ref,
    group: 'b',
    file: unit(path.join(tmp, 'b.gpkg'), 4_801_000, 2_810_000),
    allowedValues: allowed,
  });
});

describe('the GeoPackage copy of a vector group', () => {
  it('is written on ingestion beside the netCDF file, stamped with its digest, with an R-tree and every feature', async () => {
    const nc = await ncOf('a');
    const g = (await findGroup(t.db, { ...ref, group: 'a' }))!;
    expect(fs.existsSync(sidecarOf(nc))).toBe(true);
    const info = run('ogrinfo', ['-ro', '-so', '-al', sidecarOf(nc)]);
    expect(info).toContain(`CLCPLUS_SOURCE_SHA256=${g.sha256}`);
    expect(info).toMatch(/Feature Count: 36/);
    expect(run('ogrinfo', ['-ro', '-q', '-sql', 'select count(*) from rtree_features_geom', sidecarOf(nc)])).toMatch(/= 36/);
    const s = await openVectorGroup(nc, g.sha256);
    expect(s.via).toBe('sidecar');
    s.ds.close();
  });

  it('reads exactly what the netCDF archive holds (geometries, attributes, unset ones)', async () => {
    const back = await readVectorByGroup(deps(), { ...ref, group: 'a' });
    expect(back).toHaveLength(36);
    // Unset names come back as the archive gives them (the netCDF driver's fill value ""), through the copy too.
    expect(back.filter((f) => f.properties.name === '')).toHaveLength(12);
    expect(asRows(back)).toEqual(fromNetcdf(await ncOf('a')));
  });

  it('is rebuilt from the netCDF file when missing', async () => {
    const nc = await ncOf('a');
    fs.rmSync(sidecarOf(nc));
    expect(asRows(await readVectorByGroup(deps(), { ...ref, group: 'a' }))).toEqual(fromNetcdf(nc));
    expect(fs.existsSync(sidecarOf(nc))).toBe(true);
  });

  it('is rebuilt when stale: another file in its place, or its netCDF file changed on disk', async () => {
    const a = await ncOf('a');
    const b = await ncOf('b');
    // Group b's copy under a's name: its stamp names b's digest, so it is not used for a.
    fs.copyFileSync(sidecarOf(b), sidecarOf(a));
    const area = { type: 'Polygon', coordinates: [sq(4_800_000, 2_810_000, 600)] };
    const hit = await readVectorByBounds(deps(), { ...ref, area, relation: 'within' });
    expect(hit).toHaveLength(36);
    expect(hit.every((f) => f.group === 'a')).toBe(true);
    expect(asRows(await readVectorByGroup(deps(), { ...ref, group: 'a' }))).toEqual(fromNetcdf(a));
    // The archive restored from a backup (same bytes, another mtime): the copy is rebuilt, not trusted.
    const before = fs.statSync(sidecarOf(a)).mtimeMs;
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(a, later, later);
    const s = await openVectorGroup(a, (await findGroup(t.db, { ...ref, group: 'a' }))!.sha256);
    expect(s.via).toBe('sidecar');
    s.ds.close();
    expect(fs.statSync(sidecarOf(a)).mtimeMs).toBeGreaterThan(before);
  });

  it('falls back to the netCDF file when the copy cannot be written', async () => {
    const nc = await ncOf('b');
    fs.rmSync(sidecarOf(nc));
    fs.mkdirSync(sidecarOf(nc)); // a folder where the copy goes: the rename fails
    try {
      const s = await openVectorGroup(nc, (await findGroup(t.db, { ...ref, group: 'b' }))!.sha256);
      expect(s.via).toBe('netcdf');
      s.ds.close();
      expect(asRows(await readVectorByGroup(deps(), { ...ref, group: 'b' }))).toEqual(fromNetcdf(nc));
    } finally {
      fs.rmSync(sidecarOf(nc), { recursive: true });
    }
  });

  it('goes with its version: an upsert writes the new version’s copy and removes the old one', async () => {
    const old = await ncOf('a');
    await upsertVectorByGroup(deps(), {
      ...ref,
      group: 'a',
      features: [
        { geometry: { type: 'Polygon', coordinates: [sq(4_800_120, 2_810_120, 50)] }, properties: { id: 99, class: 2 } },
      ],
    });
    const nc = await ncOf('a');
    expect(nc).not.toBe(old);
    expect(fs.existsSync(old) || fs.existsSync(sidecarOf(old))).toBe(false);
    expect(fs.existsSync(sidecarOf(nc))).toBe(true);
    const back = await readVectorByGroup(deps(), { ...ref, group: 'a' });
    expect(back).toHaveLength(37);
    expect(asRows(back)).toEqual(fromNetcdf(nc));
  });
});
