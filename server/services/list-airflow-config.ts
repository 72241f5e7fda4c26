/**
 * C2 `GET /v1/config/airflow` (admin), read-compatible with the reference's `airflow_config` list: each installed
 * Airflow-backed service with the DAG it triggers. The reference's `command` was an Airflow CLI line its queue
 * listener ran; here the worker calls the Airflow REST API, and `command` says which call, on which connection.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { services } from '~/db/schema';

export type AirflowConfigEntry = {
  service_name: string;
  command: string;
  description: string;
  dag_id: string;
  airflow_connection: string;
};

export async function listAirflowConfig(db: Database): Promise<{ airflow_configuration: AirflowConfigEntry[] }> {
  const rows = await db
    .select({
      name: services.name,
      description: services.description,
      dagId: services.dagId,
      connection: services.airflowConnection,
    })
    .from(services)
    .where(and(eq(services.engine, 'airflow'), isNull(services.deletedAt)))
    .orderBy(asc(services.name));
  return {
    airflow_configuration: rows.map((r) => ({
      service_name: r.name,
      command: `POST /dags/${r.dagId}/dagRuns`,
      description: r.description,
      dag_id: r.dagId,
      airflow_connection: r.connection ?? 'default',
    })),
  };
}
