/** The names of the nations one can order (those with a boundary loaded), alphabetically. */
import { asc, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { nations } from '~/db/schema';

export async function listNations(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ name: nations.name })
    .from(nations)
    .where(isNotNull(nations.boundary))
    .orderBy(asc(nations.name));
  return rows.map((r) => r.name);
}
