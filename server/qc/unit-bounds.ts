/** The extent of a production unit (EPSG:3035) from the database, or null for an unknown unit: the QC's extent check. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import type { Bounds } from '../storage/grid';

export async function unitBounds(db: DbOrTx, unit: string): Promise<Bounds | null> {
  const rows = await db.execute<{ minx: number; miny: number; maxx: number; maxy: number }>(sql`
    select ST_XMin(geom) as minx, ST_YMin(geom) as miny, ST_XMax(geom) as maxx, ST_YMax(geom) as maxy
    from production_units where code = ${unit}`);
  const r = rows[0];
  return r ? { minX: Number(r.minx), minY: Number(r.miny), maxX: Number(r.maxx), maxY: Number(r.maxy) } : null;
}
