/**
 * The Airflow connections an installation has (`airflow list`): the admin table's, then AIRFLOW_CONNECTIONS', each
 * with where it comes from and whether it is the one used (the table's wins a name both define, as
 * resolve-connection.ts reads them). Never a password: the table's sealed column is not even selected.
 */
import { asc } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import type { EnvConnections } from './resolve-connection';

export type AirflowConnectionView = {
  name: string;
  url: string;
  apiVersion: 'v1' | 'v2';
  username: string;
  timeoutMs: number;
  /** `table`: added with `airflow add`; `env`: AIRFLOW_CONNECTIONS. */
  source: 'table' | 'env';
  /** False for an AIRFLOW_CONNECTIONS entry that a table row of the same name shadows. */
  active: boolean;
  updatedAt: string | null;
};

export async function listAirflowConnections(deps: {
  db: Database;
  envConnections: EnvConnections;
}): Promise<AirflowConnectionView[]> {
  const rows = await deps.db
    .select({
      name: airflowConnections.name,
      url: airflowConnections.url,
      apiVersion: airflowConnections.apiVersion,
      username: airflowConnections.username,
      timeoutMs: airflowConnections.timeoutMs,
      updatedAt: airflowConnections.updatedAt,
    })
    .from(airflowConnections)
    .orderBy(asc(airflowConnections.name));
  const inTable = new Set(rows.map((r) => r.name));
  return [
    ...rows.map((r) => ({ ...r, source: 'table' as const, active: true, updatedAt: r.updatedAt.toISOString() })),
    ...Object.entries(deps.envConnections)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) => ({
        name,
        url: c.url,
        apiVersion: c.apiVersion,
        username: c.username,
        timeoutMs: c.timeoutMs,
        source: 'env' as const,
        active: !inTable.has(name),
        updatedAt: null,
      })),
  ];
}
