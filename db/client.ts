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

/**
 * postgres.js 3.4.9 can write to a socket it has just closed, from a setImmediate, when PostgreSQL drops connections
 * (porsager/postgres#1154, #1208; fix not released): an uncatchable TypeError that would end the process. The query
 * concerned has already failed with CONNECTION_CLOSED, so that one error is logged as a line and survived; any
 * other uncaught exception still ends the process as before. Installed by long-running processes (getDb for the
 * web, the worker), not by tests, whose runner owns uncaught exceptions.
 */
let guarded = false;
export function surviveClosedSocketWrite(): void {
  if (guarded) return;
  guarded = true;
  process.on('uncaughtException', (e) => {
    if (
      e instanceof TypeError &&
      /reading 'write'/.test(e.message) &&
      /nextWrite .*postgres[\\/]src[\\/]connection\.js/.test(e.stack ?? '')
    ) {
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', component: 'db', message: 'postgres.js wrote to a closed connection (known driver race); the query failed, the process goes on' })}\n`,
      );
      return;
    }
    process.stderr.write(`${e.stack ?? String(e)}\n`);
    process.exit(1);
  });
}

export function createDb(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    // A request must answer within 5 s while PostgreSQL is away (a refused connection fails at once; a host that
    // does not answer fails here).
    connect_timeout: 3,
    // Wait before a reconnect after a failed connection, in seconds. postgres.js's default grows with every failure
    // of the pool up to 20 s, and queries wait that long for it: at most 1 s, so requests fail fast while PostgreSQL
    // is away and recover within a second of its return.
    backoff: (retries: number) => Math.min(0.1 * retries, 1),
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
    surviveClosedSocketWrite();
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
