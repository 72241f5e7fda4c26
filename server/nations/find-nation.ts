/**
 * One nation of the national product by name (case-insensitive, as clients type it), for accepting an order
 * (create-order.ts: known, boundary loaded, covered by the product) and for running it (dags/get_national_product:
 * its CRS, file code and boundary). The boundary is decoded only when asked for: accepting an order never needs it.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { nations } from '~/db/schema';
import type { MultiPolygonCoords } from '../geo/densify';
import { STORE_EPSG } from '../storage/grid';

export type Nation = {
  name: string;
  fileCode: string;
  /** The nation's CRS, or null when the reference has none (delivered in EPSG:3035). */
  epsg: number | null;
  hasBoundary: boolean;
  /** Area of the boundary in EPSG:3035 (km²), null without a boundary. */
  areaKm2: number | null;
  /** Whether the store of product `coveredBy` intersects the boundary; null when not asked. */
  covered: boolean | null;
  /** The boundary as GeoJSON (EPSG:4326) when asked for and loaded, else null. */
  boundary: MultiPolygonCoords | null;
};

export async function findNation(
  db: DbOrTx,
  name: string,
  opts: { coveredBy?: number; boundary?: boolean } = {},
): Promise<Nation | null> {
  const [n] = await db
    .select({
      name: nations.name,
      fileCode: nations.fileCode,
      epsg: nations.epsg,
      hasBoundary: sql<boolean>`${nations.boundary} is not null`,
      areaKm2: sql<number | null>`ST_Area(ST_Transform(${nations.boundary}, ${sql.raw(String(STORE_EPSG))})) / 1e6`,
      // Whether any group of the product's store intersects the boundary (GiST-indexed extent).
      covered:
        opts.coveredBy === undefined
          ? sql<boolean | null>`null`
          : sql<boolean | null>`exists (select 1 from store_groups g where g.product_id = ${opts.coveredBy}
              and ST_Intersects(g.extent, ST_Transform(${nations.boundary}, ${sql.raw(String(STORE_EPSG))})))`,
      boundary: opts.boundary ? sql<string | null>`ST_AsGeoJSON(${nations.boundary}, 15)` : sql<string | null>`null`,
    })
    .from(nations)
    .where(sql`lower(${nations.name}) = lower(${name})`);
  if (!n) return null;
  return {
    name: n.name,
    fileCode: n.fileCode,
    epsg: n.epsg,
    hasBoundary: n.hasBoundary,
    areaKm2: n.areaKm2 === null ? null : Number(n.areaKm2),
    covered: n.covered,
    boundary: n.boundary === null ? null : (JSON.parse(n.boundary) as MultiPolygonCoords),
  };
}
