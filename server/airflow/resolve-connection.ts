/**
 * The Airflow connection a service names (null → `default`): the admin table `airflow_connections` first (its password
 * sealed with KEY_ENCRYPTION_KEY), then AIRFLOW_CONNECTIONS. Unknown → AppError NOT_FOUND.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import { open } from '../auth/secret-box';
import { AppError } from '../errors';
import type { AirflowConnection } from './schemas';

export type EnvConnections = Record<string, Omit<AirflowConnection, 'name'>>;

export async function resolveAirflowConnection(
  deps: { db: Database; encryptionKey: string; envConnections: EnvConnections },
  name: string | null | undefined,
): Promise<AirflowConnection> {
  const wanted = name ?? 'default';
  const [row] = await deps.db.select().from(airflowConnections).where(eq(airflowConnections.name, wanted));
  if (row) {
    return {
      name: row.name,
      url: row.url,
      apiVersion: row.apiVersion,
      username: row.username,
      password: open(row.passwordSealed, deps.encryptionKey),
      timeoutMs: row.timeoutMs,
    };
  }
  const fromEnv = deps.envConnections[wanted];
  if (fromEnv) return { name: wanted, ...fromEnv };
  throw new AppError('NOT_FOUND', `no Airflow connection named ${wanted}`);
}
