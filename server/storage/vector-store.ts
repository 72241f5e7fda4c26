/**
 * Vector products in the store: one netCDF-4 file per group holding one layer of polygons as CF-1.8 simple
 * geometries (node coordinates, part counts, interior rings; GDAL's netCDF driver writes and reads them, ogrinfo
 * opens them), with their attributes as variables. Geometries are EPSG:3035.
 *
 * Operations (reference §7.1): create/upsert by group, upsert by bounds, update by attribute, read by group,
 * read by bounds with a spatial relation, read by attribute with a comparison. Every write makes a new version of
 * the group's file beside the old one and switches the catalogue to it in one transaction.
 *
 * Reads go through each version's GeoPackage copy (vector-sidecar.ts: R-tree, in step with the netCDF file by its
 * digest), written with the version; the netCDF file answers when the copy is missing, stale and cannot be rebuilt.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature as GdalFeature, Geometry as GdalGeometry, Layer } from 'gdal-async';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { findGroup, findGroupsIntersecting, listGroups } from './find-groups';
import { boundsToPolygon, intersect, unionBounds, type Bounds } from './grid';
import { openDataset } from './open-dataset';
import { StoreError } from './store-error';
import { GROUP_NAME, productDir, versionedFile } from './store-paths';
import { commitGroupFile } from './upsert-store-group';
import { fileDigest } from './file-digest';
import { openVectorGroup, removeSidecar, writeSidecar } from './vector-sidecar';
import { countStoreRead } from '../metrics/store';

export type Attributes = Record<string, string | number | null>;
export type VectorFeature = {
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties: Attributes;
  group?: string;
};
export type SpatialRelation = 'intersects' | 'within' | 'contains';
export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=';

const LAYER = 'features';
const srs3035 = () => gdal.SpatialReference.fromEPSG(3035);

function toFeature(f: GdalFeature, group: string): VectorFeature {
  const geom = f.getGeometry()!;
  return { geometry: geom.toObject() as VectorFeature['geometry'], properties: f.fields.toObject() as Attributes, group };
}

/** Every feature of a group (through its GeoPackage copy), optionally filtered and within a bounding box. */
async function readFile(
  file: string,
  group: string,
  sha256: string | null,
  filter?: (g: GdalGeometry, f: GdalFeature) => boolean,
  bbox?: Bounds,
): Promise<VectorFeature[]> {
  const { ds, layer } = await openVectorGroup(file, sha256);
  try {
    if (bbox) layer.setSpatialFilter(bbox.minX, bbox.minY, bbox.maxX, bbox.maxY);
    const out: VectorFeature[] = [];
    for (const f of layer.features) {
      const g = f.getGeometry();
      if (!g || g.isEmpty()) continue;
      if (filter && !filter(g, f)) continue;
      out.push(toFeature(f, group));
    }
    return out;
  } finally {
    ds.close();
  }
}

/** Writes features into a new CF-1.8 netCDF file (through an in-memory layer and GDAL's netCDF driver). */
async function writeFile(file: string, features: VectorFeature[], fieldTypes: Map<string, string>): Promise<Bounds> {
  const mem = gdal.open('vector', 'w', 'Memory');
  const layer = mem.layers.create(LAYER, srs3035(), gdal.wkbMultiPolygon);
  for (const [name, type] of fieldTypes) layer.fields.add(new gdal.FieldDefn(name, type));
  let env: Bounds | null = null;
  for (const vf of features) {
    const f = new gdal.Feature(layer);
    const g = gdal.Geometry.fromGeoJson(vf.geometry);
    f.setGeometry(
      g.wkbType === gdal.wkbPolygon
        ? (() => {
            const m = new gdal.MultiPolygon();
            m.children.add(g as never);
            return m;
          })()
        : g,
    );
    for (const [k, v] of Object.entries(vf.properties)) if (fieldTypes.has(k) && v !== null) f.fields.set(k, v);
    layer.features.add(f);
    const e = g.getEnvelope();
    env = unionBounds(env, e);
  }
  const partial = `${file}.partial`;
  const out = await gdal.vectorTranslateAsync(partial, mem, ['-f', 'netCDF', '-dsco', 'FORMAT=NC4', '-nln', LAYER]);
  out.close(); // writes the file
  mem.close();
  fs.renameSync(partial, file);
  if (!env) throw new StoreError('INVALID_GEOMETRY', 'a group needs at least one feature');
  return env;
}

function fieldTypesOf(layer: Layer): Map<string, string> {
  const types = new Map<string, string>();
  for (const d of layer.fields) types.set(d.name, d.type);
  return types;
}

type Deps = { db: Database; storeDir: string };
type ProductRef = { product: string; referenceYear: number };

/** Writes a new version of a group and switches the catalogue to it. */
async function commitGroup(deps: Deps, ref: ProductRef, group: string, features: VectorFeature[], types: Map<string, string>) {
  const rel = versionedFile(ref.product, ref.referenceYear, group, 'nc');
  const file = path.join(deps.storeDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const extent = await writeFile(file, features, types);
    // The read copy before the catalogue switches (a reader of the new version finds it in step at once), made from
    // the netCDF file as GDAL reads it back, so that the copy and the archive answer alike (the netCDF driver returns
    // an unset attribute as its fill value, "" or 0, not null).
    const digest = await fileDigest(file);
    const nc = openDataset(file, 'the new store file is unreadable');
    try {
      await writeSidecar(file, digest.sha256, nc);
    } finally {
      nc.close();
    }
    const { bytes, sha256 } = await commitGroupFile(
      deps,
      {
        productCode: ref.product,
        referenceYear: ref.referenceYear,
        kind: 'vector',
        title: 'CLC+ Backbone vector',
        storeLocation: productDir(ref.product, ref.referenceYear),
        group,
        filePath: rel,
        extent,
        featureCount: features.length,
      },
      digest,
    );
    return { group, filePath: rel, features: features.length, bytes, sha256 };
  } catch (e) {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.partial`, { force: true });
    removeSidecar(file);
    throw e;
  }
}

/** Reads and checks a GeoPackage (or any OGR source) for ingestion: EPSG:3035, polygons, valid geometries. */
export function readVectorSource(file: string, opts: { requiredField?: string; allowedValues?: Set<number> } = {}) {
  const ds = openDataset(file, 'is it a complete GeoPackage?');
  try {
    if (ds.layers.count() === 0) throw new StoreError('UNREADABLE_FILE', `${file} has no layer`);
    const layer = ds.layers.get(0);
    const code = layer.srs?.getAuthorityCode(null);
    if (!layer.srs || (code !== '3035' && !layer.srs.isSame(srs3035()))) {
      throw new StoreError(
        'CRS_MISMATCH',
        `${file} is in ${code ? `EPSG:${code}` : 'an unknown CRS'}; the product is in EPSG:3035. Reproject: ogr2ogr -t_srs EPSG:3035`,
      );
    }
    const types = fieldTypesOf(layer);
    if (opts.requiredField && !types.has(opts.requiredField))
      throw new StoreError('INVALID_VALUES', `${file} has no "${opts.requiredField}" attribute`);
    const features: VectorFeature[] = [];
    const invalid: number[] = [];
    for (const f of layer.features) {
      const g = f.getGeometry();
      if (!g || g.isEmpty()) continue;
      if (!['POLYGON', 'MULTIPOLYGON'].includes(g.name.toUpperCase()))
        throw new StoreError('INVALID_GEOMETRY', `${file}: feature ${f.fid} is not a polygon`);
      if (!g.isValid()) invalid.push(f.fid);
      const vf = toFeature(f, '');
      if (opts.allowedValues && opts.requiredField) {
        const v = Number(vf.properties[opts.requiredField]);
        if (!opts.allowedValues.has(v))
          throw new StoreError('INVALID_VALUES', `${file}: feature ${f.fid} has ${opts.requiredField} = ${v}, not a CLC+ class`);
      }
      features.push(vf);
    }
    if (invalid.length) {
      throw new StoreError(
        'INVALID_GEOMETRY',
        `${file}: ${invalid.length} invalid geometries (fids ${invalid.slice(0, 5).join(', ')}…); repair them: ogr2ogr -makevalid`,
      );
    }
    return { features, types };
  } finally {
    ds.close();
  }
}

/** Creates a group, or replaces its features entirely (ingestion of a unit). */
export async function ingestVector(deps: Deps, ref: ProductRef & { group: string; file: string; allowedValues?: Set<number> }) {
  if (!GROUP_NAME.test(ref.group))
    throw new StoreError('UNKNOWN_GROUP', `group name "${ref.group}": use letters, digits, _ and -`);
  const { features, types } = readVectorSource(ref.file, { requiredField: 'class', allowedValues: ref.allowedValues });
  return commitGroup(deps, ref, ref.group, features, types);
}

export async function readVectorByGroup(deps: Deps, ref: ProductRef & { group: string }): Promise<VectorFeature[]> {
  countStoreRead('vector', 'group');
  const g = await findGroup(deps.db, ref);
  if (!g) throw new StoreError('UNKNOWN_GROUP', `${ref.product} ${ref.referenceYear} has no group ${ref.group}`);
  return readFile(path.join(deps.storeDir, g.filePath), g.groupName, g.sha256);
}

const RELATIONS: Record<SpatialRelation, (feature: GdalGeometry, area: GdalGeometry) => boolean> = {
  intersects: (f, a) => f.intersects(a),
  within: (f, a) => f.within(a),
  contains: (f, a) => f.contains(a),
};

/** Features of every group touching the area whose geometry has `relation` to it (the area in EPSG:3035). */
export async function readVectorByBounds(
  deps: Deps,
  ref: ProductRef & { area: object; relation?: SpatialRelation },
): Promise<VectorFeature[]> {
  countStoreRead('vector', 'bounds');
  const area = gdal.Geometry.fromGeoJson(ref.area);
  const e = area.getEnvelope();
  const env = { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY };
  const groups = await findGroupsIntersecting(deps.db, { ...ref, geometry: ref.area });
  if (!groups.length) throw new StoreError('OUT_OF_BOUNDS', `${ref.product} ${ref.referenceYear} does not cover this area`);
  const test = RELATIONS[ref.relation ?? 'intersects'];
  const out: VectorFeature[] = [];
  for (const g of groups)
    out.push(...(await readFile(path.join(deps.storeDir, g.filePath), g.groupName, g.sha256, (geom) => test(geom, area), env)));
  return out;
}

const COMPARE: Record<Comparison, (a: number | string, b: number | string) => boolean> = {
  '=': (a, b) => a === b,
  '<>': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** Features of every group whose attribute compares to a value. */
export async function readVectorByAttribute(
  deps: Deps,
  ref: ProductRef & { field: string; op: Comparison; value: number | string },
) {
  countStoreRead('vector', 'attribute');
  const cmp = COMPARE[ref.op];
  const groups = await listGroups(deps.db, ref);
  const out: VectorFeature[] = [];
  for (const g of groups) {
    const features = await readFile(path.join(deps.storeDir, g.filePath), g.groupName, g.sha256, (_geom, f) => {
      const v = f.fields.get(ref.field) as number | string | null;
      return v !== null && v !== undefined && cmp(v, ref.value);
    });
    out.push(...features);
  }
  return out;
}

/**
 * Upsert into one group: a feature whose geometry equals a stored one updates that one's attributes; the others are
 * appended (their centroid must lie in the group's extent).
 */
export async function upsertVectorByGroup(deps: Deps, ref: ProductRef & { group: string; features: VectorFeature[] }) {
  const g = await findGroup(deps.db, ref);
  const current = g ? await readFile(path.join(deps.storeDir, g.filePath), g.groupName, g.sha256) : [];
  const types = new Map<string, string>(g ? await fieldTypesOfFile(path.join(deps.storeDir, g.filePath), g.sha256) : []);
  for (const f of ref.features) {
    for (const [k, v] of Object.entries(f.properties))
      if (!types.has(k))
        types.set(k, typeof v === 'number' ? (Number.isInteger(v) ? gdal.OFTInteger : gdal.OFTReal) : gdal.OFTString);
  }
  const merged = [...current];
  const geoms = merged.map((m) => gdal.Geometry.fromGeoJson(m.geometry));
  for (const f of ref.features) {
    const geom = gdal.Geometry.fromGeoJson(f.geometry);
    if (!geom.isValid()) throw new StoreError('INVALID_GEOMETRY', 'a feature geometry is invalid');
    // Topological equality (GEOS): the same area, whatever the vertex order or Polygon/MultiPolygon wrapping.
    const i = geoms.findIndex((x) => x.within(geom) && geom.within(x));
    if (i >= 0) merged[i] = { ...merged[i]!, properties: { ...merged[i]!.properties, ...f.properties } };
    else {
      if (g) {
        const c = geom.centroid();
        const b = g.bounds;
        const p = c as unknown as { x: number; y: number };
        if (p.x < b.minX || p.x > b.maxX || p.y < b.minY || p.y > b.maxY) {
          throw new StoreError(
            'OUT_OF_BOUNDS',
            `a new feature's centroid (${p.x.toFixed(0)}, ${p.y.toFixed(0)}) is outside group ${ref.group}`,
          );
        }
      }
      merged.push(f);
      geoms.push(geom);
    }
  }
  return commitGroup(deps, ref, ref.group, merged, types);
}

/** Upsert features into whichever groups their centroids fall in (those with `relation` to the bounds only). */
export async function upsertVectorByBounds(
  deps: Deps,
  ref: ProductRef & { bounds: Bounds; features: VectorFeature[]; relation?: SpatialRelation },
) {
  const area = gdal.Geometry.fromGeoJson(boundsToPolygon(ref.bounds));
  const test = RELATIONS[ref.relation ?? 'within'];
  const chosen = ref.features.filter((f) => test(gdal.Geometry.fromGeoJson(f.geometry).centroid(), area));
  const groups = await findGroupsIntersecting(deps.db, { ...ref, geometry: boundsToPolygon(ref.bounds) });
  const results = [];
  for (const g of groups) {
    const mine = chosen.filter((f) => {
      const c = gdal.Geometry.fromGeoJson(f.geometry).centroid() as unknown as { x: number; y: number };
      return !!intersect(g.bounds, { minX: c.x, minY: c.y, maxX: c.x + 1e-6, maxY: c.y + 1e-6 });
    });
    if (mine.length) results.push(await upsertVectorByGroup(deps, { ...ref, group: g.groupName, features: mine }));
  }
  return results;
}

/** Sets `set` on every feature (of every group) whose `field op value` holds. */
export async function updateVectorByAttribute(
  deps: Deps,
  ref: ProductRef & { field: string; op: Comparison; value: number | string; set: Attributes },
): Promise<{ updated: number }> {
  const cmp = COMPARE[ref.op];
  let updated = 0;
  for (const g of await listGroups(deps.db, ref)) {
    const file = path.join(deps.storeDir, g.filePath);
    const features = await readFile(file, g.groupName, g.sha256);
    let touched = 0;
    for (const f of features) {
      const v = f.properties[ref.field];
      if (v !== null && v !== undefined && cmp(v, ref.value)) {
        f.properties = { ...f.properties, ...ref.set };
        touched++;
      }
    }
    if (touched) {
      const types = await fieldTypesOfFile(file, g.sha256);
      for (const [k, v] of Object.entries(ref.set))
        if (!types.has(k)) types.set(k, typeof v === 'number' ? gdal.OFTReal : gdal.OFTString);
      await commitGroup(deps, ref, g.groupName, features, types);
      updated += touched;
    }
  }
  return { updated };
}

async function fieldTypesOfFile(file: string, sha256: string | null): Promise<Map<string, string>> {
  const { ds, layer } = await openVectorGroup(file, sha256);
  try {
    return fieldTypesOf(layer);
  } finally {
    ds.close();
  }
}
