/**
 * The EEA QC checks of a vector unit, on an open OGR layer (an incoming GeoPackage or a store group's copy): EPSG:3035,
 * at least one feature, polygons only, valid geometries, a `class` attribute holding CLC+ classes 1–11, inside the
 * production unit. The same criteria as the ingestion (storage/vector-store.ts readVectorSource), each evaluated on
 * its own so the report lists every problem; one pass over the features also gives the polygons and km² per class.
 */
import type { Layer } from 'gdal-async';
import gdal from '../geo/gdal';
import { STORE_EPSG, unionBounds, type Bounds } from '../storage/grid';
import { CLASSES } from '../storage/legend';
import { check, className, type ClassStat, type QcCheck } from './qc-report';

const CLASS_FIELD = 'class';
const CODES = new Set(CLASSES.map((c) => c.code));
const fids = (list: number[]) => list.slice(0, 5).join(', ') + (list.length > 5 ? `, … (${list.length})` : '');

export function checkVectorLayer(
  layer: Layer,
  q: { unit: string; unitBounds: Bounds | null; signal?: AbortSignal },
): { checks: QcCheck[]; classes: ClassStat[] } {
  const srs = layer.srs;
  const code = srs?.getAuthorityCode(null);
  const is3035 = !!srs && (code === String(STORE_EPSG) || srs.isSame(gdal.SpatialReference.fromEPSG(STORE_EPSG)));
  const hasClass = layer.fields.getNames().includes(CLASS_FIELD);
  const notPolygon: number[] = [];
  const invalid: number[] = [];
  const badClass = new Map<string, number[]>();
  const stats = new Map<number, { polygons: number; area: number }>();
  let features = 0;
  let env: Bounds | null = null;
  for (const f of layer.features) {
    if (features % 1000 === 0) q.signal?.throwIfAborted();
    const g = f.getGeometry();
    if (!g || g.isEmpty()) continue;
    features++;
    if (!['POLYGON', 'MULTIPOLYGON'].includes(g.name.toUpperCase())) notPolygon.push(f.fid);
    else if (!g.isValid()) invalid.push(f.fid);
    const e = g.getEnvelope();
    env = unionBounds(env, e);
    if (!hasClass) continue;
    const raw = f.fields.get(CLASS_FIELD) as unknown;
    const v = Number(raw);
    if (raw === null || !CODES.has(v)) badClass.set(String(raw), [...(badClass.get(String(raw)) ?? []), f.fid]);
    else {
      const s = stats.get(v) ?? { polygons: 0, area: 0 };
      s.polygons++;
      s.area += (g as unknown as { getArea(): number }).getArea();
      stats.set(v, s);
    }
  }
  const crsName = srs ? (code ? `EPSG:${code}` : 'a CRS without EPSG code') : 'no CRS';
  const u = q.unitBounds;
  const box = (x: Bounds) => `${x.minX}, ${x.minY} – ${x.maxX}, ${x.maxY}`;
  const within =
    !!u &&
    !!env &&
    env.minX >= u.minX - 1e-6 &&
    env.maxX <= u.maxX + 1e-6 &&
    env.minY >= u.minY - 1e-6 &&
    env.maxY <= u.maxY + 1e-6;
  const checks = [
    check(
      'crs',
      'CRS is EPSG:3035 (ETRS89-LAEA)',
      is3035,
      is3035 ? 'EPSG:3035' : `${crsName}; reproject: ogr2ogr -t_srs EPSG:3035`,
    ),
    check('features', 'At least one polygon', features > 0, `${features} features`),
    check(
      'geometry-type',
      'Polygons only',
      notPolygon.length === 0,
      notPolygon.length === 0
        ? 'polygons and multipolygons'
        : `${notPolygon.length} features are not polygons (fids ${fids(notPolygon)})`,
    ),
    check(
      'geometry-valid',
      'Valid geometries',
      invalid.length === 0,
      invalid.length === 0
        ? 'all valid'
        : `${invalid.length} invalid geometries (fids ${fids(invalid)}); repair them: ogr2ogr -makevalid`,
    ),
    check(
      'class-values',
      'A class attribute with CLC+ classes 1–11',
      hasClass && badClass.size === 0,
      !hasClass
        ? `no "${CLASS_FIELD}" attribute (fields: ${layer.fields.getNames().join(', ') || 'none'})`
        : badClass.size === 0
          ? `classes ${[...stats.keys()].sort((a, b) => a - b).join(', ')}`
          : `classes outside 1–11: ${[...badClass]
              .slice(0, 8)
              .map(([v, list]) => `${v} (${list.length} features, fids ${fids(list)})`)
              .join('; ')}`,
    ),
    check(
      'extent',
      'Inside the production unit',
      within,
      !u
        ? `unknown production unit ${q.unit}`
        : !env
          ? 'no features'
          : within
            ? `${box(env)} (unit ${box(u)})`
            : `${box(env)} reaches outside production unit ${q.unit} (${box(u)})`,
    ),
  ];
  const classes = [...stats]
    .sort(([a], [b]) => a - b)
    .map(([c, s]) => ({ code: c, name: className(c), polygons: s.polygons, areaKm2: s.area / 1e6 }));
  return { checks, classes };
}
