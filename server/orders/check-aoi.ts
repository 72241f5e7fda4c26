/**
 * Checks a parsed AOI in PostGIS before an order is accepted: valid topology (a ring touching itself is repaired;
 * a self-intersection, a hole outside its shell… is refused with PostGIS's reason and location), area measured in
 * EPSG:3035 (equal area; the reference used Web Mercator, which inflates it up north), the output window in 10 m
 * pixels, and whether the product holds anything in the area (one GiST-indexed query on the store's catalogue).
 * Area, window and coverage are measured on the AOI densified in lon/lat (server/geo/densify.ts: its edges are straight
 * in EPSG:4326, so in EPSG:3035 they are curves, followed to 10 m), exactly the polygon the extract will cut.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { AppError } from '../errors';
import { densify, type Densified } from '../geo/densify';
import { multiPolygonArea, multiPolygonBounds } from '../geo/planar';
import { PIXEL_SIZE, snapBounds, STORE_EPSG } from '../storage/grid';
import type { MultiPolygon } from './parse-aoi';

export type CheckedAoi = {
  /** The AOI (repaired if needed) in EPSG:4326. */
  aoi: MultiPolygon;
  areaKm2: number;
  /** Pixels of the 10 m output window (the AOI's bounding box snapped outward to the grid). */
  pixels: number;
  repaired: boolean;
};

const REPAIRABLE = /^Ring Self-intersection/i;

// checkAoi's result is usually passed on to productCovers: its densified geometry is kept for it (same object).
const densifiedOf = new WeakMap<MultiPolygon, Densified>();
function densify3035(aoi: MultiPolygon): Densified {
  let d = densifiedOf.get(aoi);
  if (!d) densifiedOf.set(aoi, (d = densify(aoi, STORE_EPSG)));
  return d;
}

export async function checkAoi(
  db: DbOrTx,
  aoi: MultiPolygon,
  limits: { maxAreaKm2: number; maxPixels: number },
): Promise<CheckedAoi> {
  const [v] = await db.execute<{ valid: boolean; reason: string }>(sql`
    select ST_IsValid(g) as valid, ST_IsValidReason(g) as reason
    from (select ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(aoi)}), 4326) as g) s`);
  let geometry = aoi;
  let repaired = false;
  if (!v!.valid) {
    if (!REPAIRABLE.test(v!.reason)) {
      throw new AppError('VALIDATION', `aoi: the polygon is not valid: ${v!.reason.replace(/\[|\]/g, '')} (longitude latitude)`, {
        reason: 'INVALID_AOI',
      });
    }
    const [fixed] = await db.execute<{ geojson: string }>(sql`
      select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(aoi)}), 4326)), 3)), 15) as geojson`);
    geometry = JSON.parse(fixed!.geojson) as MultiPolygon;
    repaired = true;
  }
  const projected = densify3035(geometry).projected;
  const areaKm2 = multiPolygonArea(projected) / 1e6;
  if (!(areaKm2 > 0)) throw new AppError('VALIDATION', 'aoi: the polygon has no area', { reason: 'INVALID_AOI' });
  const e = snapBounds(multiPolygonBounds(projected));
  const pixels = ((e.maxX - e.minX) / PIXEL_SIZE) * ((e.maxY - e.minY) / PIXEL_SIZE);
  if (areaKm2 > limits.maxAreaKm2) {
    throw new AppError(
      'UNPROCESSABLE',
      `aoi: the area is ${areaKm2.toFixed(0)} km² (measured in EPSG:3035); one order may cover at most ${limits.maxAreaKm2} km². Whole countries and Europe have their own endpoints (get_national_product, get_product_europe).`,
      { reason: 'AOI_TOO_LARGE' },
    );
  }
  if (pixels > limits.maxPixels) {
    throw new AppError(
      'UNPROCESSABLE',
      `aoi: its bounding box is ${(pixels / 1e6).toFixed(0)} million 10 m pixels; one order may cover at most ${(limits.maxPixels / 1e6).toFixed(0)} million. Split the area or send a tighter polygon.`,
      { reason: 'AOI_TOO_LARGE' },
    );
  }
  return { aoi: geometry, areaKm2, pixels, repaired };
}

/** Whether a product (code, year) has any group intersecting the AOI (EPSG:4326, densified for EPSG:3035). */
export async function productCovers(db: DbOrTx, productId: number, aoi: MultiPolygon): Promise<boolean> {
  const area = JSON.stringify(densify3035(aoi).projected);
  const rows = await db.execute(sql`
    select 1 from store_groups
    where product_id = ${productId} and ST_Intersects(extent, ST_SetSRID(ST_GeomFromGeoJSON(${area}), ${STORE_EPSG}))
    limit 1`);
  return rows.length > 0;
}
