/** GET /dags/{dag_id}: whether the DAG exists and is paused (a paused or unknown DAG ends the order). */
import { AirflowError } from './airflow-error';
import { airflowRequest, dagPath } from './airflow-request';
import { airflowDag, type AirflowConnection } from './schemas';

export type DagCheck = { ok: true } | { ok: false; reason: string };

export async function getDag(c: AirflowConnection, dagId: string): Promise<DagCheck> {
  const res = await airflowRequest(c, 'GET', dagPath(dagId));
  if (res.status === 404) return { ok: false, reason: `the Airflow DAG ${dagId} does not exist` };
  if (res.status !== 200) throw new AirflowError(`Airflow GET DAG ${dagId}: HTTP ${res.status}`, 'refused', res.status);
  const dag = airflowDag.parse(res.body);
  return dag.is_paused ? { ok: false, reason: `the Airflow DAG ${dagId} is paused` } : { ok: true };
}
