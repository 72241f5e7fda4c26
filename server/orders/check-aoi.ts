/**
 * Checks a parsed AOI in PostGIS before an order is accepted: valid topology (a ring touching itself is repaired;
 * a self-intersection, a hole outside its shell… is refused with PostGIS's reason and location), area measured in
 * EPSG:3035 (equal area; the reference used Web Mercator, which inflates it up north), the output window in 10 m
 * pixels, and whether the product holds anything in the area (one GiST-indexed query on the store's catalogue).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../errors';
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
  const [m] = await db.execute<{ area: number; minx: number; miny: number; maxx: number; maxy: number }>(sql`
    select ST_Area(p) / 1e6 as area, ST_XMin(p) as minx, ST_YMin(p) as miny, ST_XMax(p) as maxx, ST_YMax(p) as maxy
    from (select ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326), 3035) as p) s`);
  const areaKm2 = Number(m!.area);
  if (!(areaKm2 > 0)) throw new AppError('VALIDATION', 'aoi: the polygon has no area', { reason: 'INVALID_AOI' });
  const pixels =
    ((Math.ceil(m!.maxx / 10) - Math.floor(m!.minx / 10)) as number) * (Math.ceil(m!.maxy / 10) - Math.floor(m!.miny / 10));
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

/** Whether a product (code, year) has any group intersecting the AOI (EPSG:4326). */
export async function productCovers(db: DbOrTx, productId: number, aoi: MultiPolygon): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from store_groups
    where product_id = ${productId}
      and ST_Intersects(extent, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(aoi)}), 4326), 3035))
    limit 1`);
  return rows.length > 0;
}
