/**
 * Running one task job of a workflow run. The task runs bounded by its policy's timeout, the order's cancellation
 * (cancellation.ts) and the worker's shutdown; the teardown is not cancellable (it is what cleans up after a
 * cancellation). The first task marks the order RUNNING; each task gets the results of the tasks before it and
 * returns them with its own (task-results.ts); progress is the weighted share of tasks done plus the running one's.
 * A task of an order that is already final (e.g. ABORTED) does nothing.
 */
import { UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import type { Dag, TaskContext } from '~/dags/define-dag';
import { isAppError } from '~/server/errors';
import type { Logger } from '~/server/logging/logger';
import { isFinal } from '~/server/orders/order-status';
import type { DagTaskData } from '~/server/queue/job-contracts';
import { bounded, TaskTimeoutError } from './bounded';
import { trackRunningTask } from './cancellation';
import { NO_SERVICES, type EngineDeps } from './engine-deps';
import { orderOf, recordStatus, type OrderRow } from './order-state';
import { recordTaskFailure } from './record-task-failure';
import { runFanOut } from './run-fan-out';
import { runTeardown } from './run-teardown';
import { inputsOf, ITEM } from './task-results';
import { PROGRESS_INTERVAL_MS, progressOf, progressReporter } from './task-progress';

type JobContext = { job: Job; token?: string; signal: AbortSignal; log: Logger };

export async function runDagTask(deps: EngineDeps, ctx: JobContext): Promise<unknown> {
  const data = ctx.job.data as DagTaskData;
  const dag = deps.dags[data.dagId];
  if (!dag) throw new UnrecoverableError(`no DAG ${data.dagId}`);
  const order = await orderOf(deps, data.orderId);
  const controller = new AbortController();
  const policy = (data.taskId === 'teardown' ? dag.teardown?.retry : dag.tasks[data.taskId]?.retry) ?? dag.retry;
  const timer = setTimeout(
    () => controller.abort(new TaskTimeoutError(`${data.taskId} took longer than its ${policy.timeoutMs / 1000} s timeout`)),
    policy.timeoutMs,
  );
  const onStop = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onStop();
  else ctx.signal.addEventListener('abort', onStop, { once: true });
  const untrack = data.taskId === 'teardown' ? () => {} : trackRunningTask(data.orderId, controller);
  try {
    return await runTask(deps, { ...ctx, signal: controller.signal }, dag, data, order);
  } finally {
    clearTimeout(timer);
    untrack();
    ctx.signal.removeEventListener('abort', onStop);
  }
}

async function runTask(deps: EngineDeps, ctx: JobContext, dag: Dag, data: DagTaskData, order: OrderRow): Promise<unknown> {
  const { job } = ctx;
  const log = ctx.log.child({ orderId: data.orderId, dag: dag.id, task: data.taskId });
  const params = dag.params.parse(order.params) as unknown;
  const report = (progress: number) =>
    recordStatus(deps, { orderId: data.orderId, status: 'RUNNING', progress, source: 'engine' });
  const base: Omit<TaskContext<unknown>, 'inputs'> = {
    params,
    orderId: data.orderId,
    signal: ctx.signal,
    progress: progressReporter(report, job, dag, data),
    log,
    services: deps.services ?? NO_SERVICES,
  };
  if (data.taskId === 'teardown') return runTeardown(deps, job, dag, base);

  if (isFinal(order.status)) return {}; // aborted or failed meanwhile: nothing to do
  try {
    if (order.status === 'RECEIVED') await recordStatus(deps, { orderId: data.orderId, status: 'QUEUED', source: 'engine' });
    if (order.status === 'RECEIVED' || order.status === 'QUEUED') await report(0);
  } catch (e) {
    // Cancelled between the read above and this transition: like a final order, nothing to do (not a failure).
    if (isAppError(e) && e.reason === 'ORDER_FINAL') return {};
    throw e;
  }
  const def = dag.tasks[data.taskId];
  if (!def) throw new UnrecoverableError(`DAG ${dag.id} has no task ${data.taskId}`);

  try {
    // One item of a fan-out: its inputs came with it.
    if (data.index !== undefined) {
      const value = await bounded(def.run({ ...base, inputs: data.inputs ?? {} }, data.item), ctx.signal);
      return { [ITEM]: data.index, value };
    }
    const started = performance.now();
    log.debug(`${dag.id}: task ${data.taskId} started`);
    const inputs = await inputsOf(job);
    const result = def.fanOut
      ? await runFanOut(deps, ctx, dag, { ...def, fanOut: def.fanOut }, data, inputs, params)
      : await bounded(def.run({ ...base, inputs }), ctx.signal);
    // A task done within a second is not reported on its own: the next task's start or the order's end follows at
    // once, and a small order would otherwise spend two of its five order writes on progress nobody sees.
    if (performance.now() - started >= PROGRESS_INTERVAL_MS) await report(progressOf(dag, data.taskId, 100));
    log.info(`${dag.id}: task ${data.taskId} done in ${Math.round(performance.now() - started)} ms`);
    return { ...inputs, [data.taskId]: result };
  } catch (e) {
    if (!(e instanceof WaitingChildrenError))
      log.warn(`${dag.id}: task ${data.taskId} failed: ${e instanceof Error ? e.message : String(e)}`, {
        attempt: job.attemptsMade + 1,
      });
    return recordTaskFailure(deps, ctx, data, e);
  }
}
