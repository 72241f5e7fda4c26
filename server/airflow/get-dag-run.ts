/** GET /dags/{dag_id}/dagRuns/{dag_run_id}: the run's state (null when Airflow has no such run). */
import { AirflowError } from './airflow-error';
import { airflowRequest, dagPath } from './airflow-request';
import { airflowDagRun, type AirflowConnection, type AirflowDagRun } from './schemas';

export async function getDagRun(c: AirflowConnection, dagId: string, runId: string): Promise<AirflowDagRun | null> {
  const res = await airflowRequest(c, 'GET', dagPath(dagId, 'dagRuns', runId));
  if (res.status === 404) return null;
  if (res.status !== 200) throw new AirflowError(`Airflow GET run ${runId}: HTTP ${res.status}`, 'refused', res.status);
  return airflowDagRun.parse(res.body);
}
