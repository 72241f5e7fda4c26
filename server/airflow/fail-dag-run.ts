/** PATCH /dags/{dag_id}/dagRuns/{dag_run_id} {state: failed}: how the bridge cancels a run (Airflow stops its tasks). */
import { AirflowError } from './airflow-error';
import { airflowRequest, dagPath } from './airflow-request';
import type { AirflowConnection } from './schemas';

/** true: set to failed; false: Airflow has no such run (never triggered; nothing to stop). */
export async function failDagRun(c: AirflowConnection, dagId: string, runId: string): Promise<boolean> {
  const res = await airflowRequest(c, 'PATCH', dagPath(dagId, 'dagRuns', runId), { state: 'failed' });
  if (res.status === 404) return false;
  if (res.status !== 200) throw new AirflowError(`Airflow PATCH run ${runId}: HTTP ${res.status}`, 'refused', res.status);
  return true;
}
