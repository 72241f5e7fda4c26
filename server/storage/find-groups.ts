/**
 * The PostGIS index of the store: which groups of a product hold an area (one GiST-indexed query), or one group by
 * name. Geometries are in EPSG:3035.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { STORE_EPSG, type Bounds } from './grid';

export type GroupRow = {
  id: number;
  groupName: string;
  filePath: string;
  bounds: Bounds;
  width: number | null;
  height: number | null;
  featureCount: number | null;
  /** Digest of the group's file (vector groups: keeps their GeoPackage copy in step, vector-sidecar.ts). */
  sha256: string | null;
};

type Row = {
  id: number;
  group_name: string;
  file_path: string;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  width: number | null;
  height: number | null;
  feature_count: number | null;
  sha256: string | null;
};
const toGroup = (r: Row): GroupRow => ({
  id: r.id,
  groupName: r.group_name,
  filePath: r.file_path,
  bounds: { minX: r.minx, minY: r.miny, maxX: r.maxx, maxY: r.maxy },
  width: r.width,
  height: r.height,
  featureCount: r.feature_count,
  sha256: r.sha256,
});

const columns = sql`g.id, g.group_name, g.file_path, ST_XMin(g.extent) as minx, ST_YMin(g.extent) as miny,
  ST_XMax(g.extent) as maxx, ST_YMax(g.extent) as maxy, g.width, g.height, g.feature_count, g.sha256`;

export async function findGroup(
  db: DbOrTx,
  q: { product: string; referenceYear: number; group: string },
): Promise<GroupRow | null> {
  const rows = await db.execute<Row>(sql`
    select ${columns} from store_groups g join products p on p.id = g.product_id
    where p.code = ${q.product} and p.reference_year = ${q.referenceYear} and g.group_name = ${q.group}`);
  return rows[0] ? toGroup(rows[0]) : null;
}

/** Groups whose extent intersects a geometry (GeoJSON in EPSG:3035), ordered by name. */
export async function findGroupsIntersecting(
  db: DbOrTx,
  q: { product: string; referenceYear: number; geometry: object },
): Promise<GroupRow[]> {
  const rows = await db.execute<Row>(sql`
    select ${columns} from store_groups g join products p on p.id = g.product_id
    where p.code = ${q.product} and p.reference_year = ${q.referenceYear}
      and ST_Intersects(g.extent, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(q.geometry)}), ${STORE_EPSG}))
    order by g.group_name`);
  return rows.map(toGroup);
}

export async function listGroups(db: DbOrTx, q: { product: string; referenceYear: number }): Promise<GroupRow[]> {
  const rows = await db.execute<Row>(sql`
    select ${columns} from store_groups g join products p on p.id = g.product_id
    where p.code = ${q.product} and p.reference_year = ${q.referenceYear} order by g.group_name`);
  return rows.map(toGroup);
}
