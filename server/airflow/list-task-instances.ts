/** GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances: every task instance of the run (state, tries, times). */
import { AirflowError } from './airflow-error';
import { airflowRequest, dagPath } from './airflow-request';
import { airflowTaskInstances, type AirflowConnection, type AirflowTaskInstance } from './schemas';

const PAGE = 100;

export async function listTaskInstances(c: AirflowConnection, dagId: string, runId: string): Promise<AirflowTaskInstance[]> {
  const all: AirflowTaskInstance[] = [];
  for (let offset = 0; offset < 10_000; offset += PAGE) {
    const res = await airflowRequest(
      c,
      'GET',
      `${dagPath(dagId, 'dagRuns', runId, 'taskInstances')}?limit=${PAGE}&offset=${offset}`,
    );
    if (res.status !== 200)
      throw new AirflowError(`Airflow GET task instances of ${runId}: HTTP ${res.status}`, 'refused', res.status);
    const page = airflowTaskInstances.parse(res.body).task_instances;
    all.push(...page);
    if (page.length < PAGE) break;
  }
  return all;
}
