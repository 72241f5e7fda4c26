/** Every scope a client can be given, by name (the console's scope picker, the OAuth metadata's scopes_supported). */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { scopes } from '~/db/schema';

export type Scope = typeof scopes.$inferSelect;

export async function listScopes(db: DbOrTx): Promise<Scope[]> {
  // By code point (collate "C"), as RFC 8414 clients and tests compare them, whatever the database's locale.
  return db
    .select()
    .from(scopes)
    .orderBy(sql`${scopes.name} collate "C"`);
}
