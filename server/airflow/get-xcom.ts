/**
 * GET …/taskInstances/{task_id}/xcomEntries/return_value: what the contract's result task returned (null if none).
 * The contract: a DAG that has a task named `result` returns its result there (docs/airflow.md).
 */
import { airflowRequest, dagPath } from './airflow-request';
import type { AirflowConnection } from './schemas';

export const RESULT_TASK_ID = 'result';

export async function getXcom(c: AirflowConnection, dagId: string, runId: string, taskId: string): Promise<unknown> {
  const res = await airflowRequest(
    c,
    'GET',
    `${dagPath(dagId, 'dagRuns', runId, 'taskInstances', taskId, 'xcomEntries', 'return_value')}?deserialize=true`,
  );
  if (res.status !== 200) return null;
  const value = (res.body as { value?: unknown } | null)?.value;
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
