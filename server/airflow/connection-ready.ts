/**
 * Whether the named Airflow connection is configured: in AIRFLOW_CONNECTIONS first, then in the admin table
 * `airflow_connections` (only its name is read: never the sealed password). A service whose connection is missing is
 * refused at once (503) instead of accepted and left waiting for an Airflow nobody set up. Whether the connection
 * works is `airflow test NAME`'s question (test-connection.ts), not this one's.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import { env } from '../env.js';
import type { EnvConnections } from './resolve-connection';

export async function isAirflowConnectionConfigured(
  deps: { db: Database; envConnections: EnvConnections },
  name: string,
): Promise<boolean> {
  if (Object.hasOwn(deps.envConnections, name)) return true;
  const rows = await deps.db
    .select({ name: airflowConnections.name })
    .from(airflowConnections)
    .where(eq(airflowConnections.name, name))
    .limit(1);
  return rows.length > 0;
}

/** The check on a process's own database and its configuration, as check-engine.ts takes it. */
export const airflowConnectionReady =
  (db: Database) =>
  (name: string): Promise<boolean> =>
    isAirflowConnectionConfigured({ db, envConnections: env.AIRFLOW_CONNECTIONS }, name);
