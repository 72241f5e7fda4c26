/**
 * Database access. `createDb(url)` builds a drizzle client over its own postgres.js pool (tests make one per
 * test database); `getDb()` is the process-wide client built from the configuration.
 * Services take `db` as a parameter, so they run against whichever database their caller holds.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>> & { $client: postgres.Sql };
/** A database handle or an open transaction: what services accept. */
export type DbOrTx = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDb(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'clcplus' },
  });
  return drizzle(client, { schema, casing: undefined });
}

let shared: Database | undefined;

/** The process-wide database client (lazy: importing this module opens nothing). */
export async function getDb(): Promise<Database> {
  if (!shared) {
    const { env } = await import('../server/env.js');
    shared = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_SIZE });
  }
  return shared;
}

export async function closeDb(): Promise<void> {
  if (shared) {
    const s = shared;
    shared = undefined;
    await s.$client.end({ timeout: 5 });
  }
}
