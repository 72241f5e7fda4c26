/** Fills `nations.boundary` from Natural Earth for every nation without one (valid, multipolygon, EPSG:4326). */
import { eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { nations } from '~/db/schema';
import { nationBoundary } from './nation-boundaries';

export async function loadNationBoundaries(
  db: Database,
  opts: { force?: boolean } = {},
): Promise<{ loaded: string[]; missing: string[] }> {
  const rows = await db
    .select({ id: nations.id, name: nations.name })
    .from(nations)
    .where(opts.force ? sql`true` : isNull(nations.boundary));
  const loaded: string[] = [];
  const missing: string[] = [];
  for (const r of rows) {
    const b = nationBoundary(r.name);
    if (!b) {
      missing.push(r.name);
      continue;
    }
    await db
      .update(nations)
      .set({
        boundary:
          sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(b)}), 4326)), 3))` as never,
      })
      .where(eq(nations.id, r.id));
    loaded.push(r.name);
  }
  return { loaded, missing };
}
