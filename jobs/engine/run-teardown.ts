/**
 * The teardown (the root job of a run): it always runs, after the last task or after a failure, runs the DAG's
 * teardown, then records the order's final state unless it has one already (ABORTED, INVALID…): FAILED with the
 * reason of the first failed task, or SUCCESS with the results carried up the chain.
 */
import type { Job } from 'bullmq';
import type { Dag, TaskContext } from '~/dags/define-dag';
import { isFinal } from '~/server/orders/order-status';
import { bounded } from './bounded';
import type { EngineDeps } from './engine-deps';
import { orderOf, recordStatus } from './order-state';
import { rootCause } from './root-cause';
import { inputsOf } from './task-results';

export async function runTeardown(
  deps: EngineDeps,
  job: Job,
  dag: Dag,
  base: Omit<TaskContext<unknown>, 'inputs'>,
): Promise<Record<string, unknown>> {
  const inputs = await inputsOf(job);
  if (dag.teardown) await bounded(dag.teardown.run({ ...base, inputs }), base.signal);
  const now = await orderOf(deps, base.orderId);
  if (isFinal(now.status)) return inputs;
  const failures = Object.values(await job.getIgnoredChildrenFailures());
  if (failures.length) {
    const reason = await rootCause(deps.tasksQueue, String(failures[0]));
    await recordStatus(deps, {
      orderId: base.orderId,
      status: 'FAILED',
      error: { code: 'TASK_FAILED', message: reason },
      source: 'engine',
    });
  } else {
    await recordStatus(deps, { orderId: base.orderId, status: 'SUCCESS', result: inputs, source: 'engine' });
  }
  return inputs;
}
