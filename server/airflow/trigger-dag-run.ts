/**
 * POST /dags/{dag_id}/dagRuns with dag_run_id = the order id and conf = the order's parameters plus `order_id`.
 * 200 → triggered; 409 → already triggered (a replay): carry on; 404 → unknown DAG.
 */
import { AirflowError } from './airflow-error';
import { airflowRequest, dagPath } from './airflow-request';
import type { AirflowConnection } from './schemas';

export type TriggerResult = { triggered: true; replay: boolean } | { triggered: false; reason: string };

export async function triggerDagRun(
  c: AirflowConnection,
  input: { dagId: string; orderId: string; params: Record<string, unknown> },
): Promise<TriggerResult> {
  const conf = { ...input.params, order_id: input.orderId };
  // Airflow 3 requires logical_date (null: "now", and several runs may share it); Airflow 2 must not get a null one.
  const body =
    c.apiVersion === 'v2' ? { dag_run_id: input.orderId, logical_date: null, conf } : { dag_run_id: input.orderId, conf };
  const res = await airflowRequest(c, 'POST', dagPath(input.dagId, 'dagRuns'), body);
  if (res.status === 200 || res.status === 201) return { triggered: true, replay: false };
  if (res.status === 409) return { triggered: true, replay: true };
  if (res.status === 404) return { triggered: false, reason: `the Airflow DAG ${input.dagId} does not exist` };
  throw new AirflowError(
    `Airflow refused the trigger of ${input.dagId}: HTTP ${res.status} ${detailOf(res.body)}`,
    'refused',
    res.status,
  );
}

const detailOf = (body: unknown) =>
  typeof body === 'object' && body && 'detail' in body ? JSON.stringify((body as { detail: unknown }).detail).slice(0, 500) : '';
