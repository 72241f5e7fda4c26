/**
 * The embedded workflow engine on BullMQ.
 * - `dispatchDag`: validates the order's parameters against the DAG, marks the order QUEUED and adds its flow
 *   (plan-flow.ts; deterministic job ids, so a replayed dispatch adds nothing).
 * - `runDagTask`: runs one task job, bounded by its policy's timeout and aborted when the order is cancelled. The
 *   first task marks the order RUNNING; each task gets the results of the tasks before it (carried up the chain,
 *   kept small) and returns them with its own; progress is the weighted share of tasks done plus the running one's.
 *   A fan-out task adds one child job per item, waits for them, and collects their results in item order.
 *   The root job (teardown) runs the DAG's teardown whatever happened, then records SUCCESS with the results.
 *   A task that fails for good records the order FAILED (or INVALID for a request the product cannot serve) with
 *   its reason, so the order's error says what happened, not "a child failed".
 * - A task of an order that is already final (e.g. ABORTED) does nothing.
 */
import { FlowProducer, UnrecoverableError, WaitingChildrenError, type Job, type Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { orders } from '~/db/schema';
import type { Dag, DagServices } from '~/dags/define-dag';
import { DAG_TASK_JOB, jobIdOf, planFlow, type PlannedJob } from '~/dags/plan-flow';
import { isAppError } from '~/server/errors';
import type { Logger } from '~/server/logging/logger';
import { applyOrderEvent, orderChannel, type OrderChange } from '~/server/orders/apply-order-event';
import { isFinal } from '~/server/orders/order-status';

export type EngineDeps = {
  db: Database;
  redis: Redis;
  queuePrefix: string;
  tasksQueue: Queue;
  dags: Record<string, Dag>;
  /** Given to tasks (database, store, results storage…); absent in engine tests whose DAGs do not need them. */
  services?: DagServices;
  now?: () => Date;
};

/** The engine's deps from a processor's (the worker's) deps. */
export const engineDepsOf = (d: {
  db: Database;
  redis: Redis;
  queuePrefix: string;
  queues: { get: (name: 'tasks') => Queue };
  dags: Record<string, Dag>;
  dagServices?: DagServices;
}): EngineDeps => ({
  db: d.db,
  redis: d.redis,
  queuePrefix: d.queuePrefix,
  tasksQueue: d.queues.get('tasks'),
  dags: d.dags,
  services: d.dagServices,
});

const NO_SERVICES = new Proxy({} as DagServices, {
  get: (_t, name) => {
    throw new Error(`this worker was started without DAG services (asked for ${String(name)})`);
  },
});

/** A task ran past its policy's timeout: a failure like any other (retried, then the order FAILED). */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

/** Runs a task function; when the signal aborts first (timeout, cancellation, shutdown), rejects with its reason. */
function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Running task jobs per order, so a cancellation reaches their work (see abortOrderTasks). */
const running = new Map<string, Set<AbortController>>();

/** Aborts the running tasks of an order in this process (the worker calls it when an order becomes ABORTED). */
export function abortOrderTasks(orderId: string): number {
  const set = running.get(orderId);
  if (!set) return 0;
  for (const c of set) c.abort(new Error('the order was cancelled'));
  return set.size;
}

const PENDING = new Set(['waiting', 'delayed', 'prioritized', 'paused']);

/**
 * Removes the not-yet-started tasks of a cancelled order's run, bottom-up along its chain (and waiting fan-out
 * items), stopping at a running task (aborted through its signal instead) and never removing the teardown, which
 * then runs and cleans up. A job a worker takes meanwhile simply finds the order final and does nothing.
 */
export async function removePendingTasks(tasksQueue: Queue, orderId: string): Promise<number> {
  const chain: Job[] = [];
  let job = await tasksQueue.getJob(jobIdOf(orderId, 'teardown'));
  let removed = 0;
  const tryRemove = async (j: Job) => {
    if (!PENDING.has(await j.getState())) return false;
    try {
      await j.remove();
      removed++;
      return true;
    } catch {
      return false; // taken by a worker meanwhile
    }
  };
  while (job) {
    chain.push(job);
    const { unprocessed = [] } = await job.getDependencies({ unprocessed: { count: 10_000 } });
    const ids = unprocessed.map((key) => key.slice(key.lastIndexOf(':') + 1));
    for (const id of ids.filter((i) => /\.\d+$/.test(i))) {
      const item = await tasksQueue.getJob(id);
      if (item) await tryRemove(item);
    }
    const next = ids.find((i) => !/\.\d+$/.test(i));
    job = next ? await tasksQueue.getJob(next) : undefined;
  }
  // Bottom-up: removing a task moves its parent from waiting-children to waiting, so it can go next.
  for (const j of chain.reverse()) {
    if (j.id === jobIdOf(orderId, 'teardown') || !(await tryRemove(j))) break;
  }
  return removed;
}

/** Subscribes to order changes: an order that becomes ABORTED stops its running tasks in this process. */
export async function listenForCancellations(connection: Redis, prefix: string, log?: Logger): Promise<Redis> {
  const subscriber = connection.duplicate();
  subscriber.on('error', (e) => log?.warn('order events subscriber', { error: e.message }));
  await subscriber.subscribe(orderChannel(prefix));
  subscriber.on('message', (_channel, message) => {
    const change = JSON.parse(message) as OrderChange;
    if (change.to === 'ABORTED' && abortOrderTasks(change.orderId) > 0)
      log?.info('cancelled running tasks', { orderId: change.orderId });
  });
  return subscriber;
}

/** Order progress: the weighted share of the tasks done, plus the running task's part; 99 until the teardown. */
function progressOf(dag: Dag, taskId: string, taskPercent: number) {
  const w = (id: string) => dag.tasks[id]?.weight ?? 1;
  const total = dag.order.reduce((s, id) => s + w(id), 0);
  const before = dag.order.slice(0, dag.order.indexOf(taskId)).reduce((s, id) => s + w(id), 0);
  return Math.min(99, Math.round(((before + (w(taskId) * taskPercent) / 100) / total) * 99));
}
export const dagTaskData = z
  .object({
    dagId: z.string(),
    dagVersion: z.number().int(),
    orderId: z.uuid(),
    taskId: z.string(),
    index: z.number().int().min(0).optional(),
    item: z.unknown().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type DagTaskData = z.infer<typeof dagTaskData>;
export const dagDispatchData = z.object({ orderId: z.uuid(), dagId: z.string() }).strict();

const ITEM = '__item';
/** After this, an open order is checked by the reconciler (which extends it while the run is alive). */
const RUN_DEADLINE_MS = 15 * 60_000;
const INVALID_CODES = /^(VALIDATION|UNPROCESSABLE|NOT_FOUND): /;

const status = (deps: EngineDeps, e: Parameters<typeof applyOrderEvent>[1]) =>
  applyOrderEvent({ db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, now: deps.now }, e);

async function orderOf(deps: EngineDeps, orderId: string) {
  const [o] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (!o) throw new UnrecoverableError(`no order ${orderId}`);
  return o;
}

export async function dispatchDag(
  deps: EngineDeps,
  orderId: string,
  dagId: string,
): Promise<{ rootJobId: string } | { invalid: string }> {
  const dag = deps.dags[dagId];
  if (!dag) throw new UnrecoverableError(`no DAG ${dagId}`);
  const order = await orderOf(deps, orderId);
  if (isFinal(order.status)) return { rootJobId: jobIdOf(orderId, 'teardown') };
  const parsed = dag.params.safeParse(order.params);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    await status(deps, { orderId, status: 'INVALID', error: { code: 'INVALID_PARAMETERS', message }, source: 'dispatch' });
    return { invalid: message };
  }
  // QUEUED before the flow exists: its first task may start at once and must find the order queued. Should adding
  // the flow fail, the reconciler finds no run for the queued order and dispatches it again.
  if (order.status === 'RECEIVED') await status(deps, { orderId, status: 'QUEUED', source: 'dispatch' });
  const flow = new FlowProducer({ connection: deps.redis, prefix: deps.queuePrefix });
  try {
    await flow.add(planFlow(dag, orderId, { queueName: 'tasks' }) as PlannedJob & { opts: object });
  } finally {
    await flow.close();
  }
  // The reconciler looks at the run if the order is still open after this (jobs/reconcile-orders.ts).
  await deps.db
    .update(orders)
    .set({ deadlineAt: new Date((deps.now?.() ?? new Date()).getTime() + RUN_DEADLINE_MS) })
    .where(eq(orders.id, orderId));
  return { rootJobId: jobIdOf(orderId, 'teardown') };
}

/**
 * BullMQ reports a failed chain as "child <prefix>:<queue>:<job id> failed"; the reason a user can act on is the
 * failed reason of the first job in the chain, e.g. "extract: job stalled more than allowable limit".
 */
async function rootCause(queue: Queue, reason: string): Promise<string> {
  for (let depth = 0; depth < 20; depth++) {
    const m = /^child .*:([^:]+) failed$/.exec(reason);
    if (!m) break;
    const child = await queue.getJob(m[1]!);
    if (!child?.failedReason) break;
    reason = /^child /.test(child.failedReason)
      ? child.failedReason
      : `${(child.data as DagTaskData).taskId}: ${child.failedReason}`;
  }
  return reason;
}

/** The results carried up the chain: those of every task before this one. */
async function inputsOf(job: Job): Promise<Record<string, unknown>> {
  const values = Object.values(await job.getChildrenValues()) as Record<string, unknown>[];
  return Object.assign({}, ...values.filter((v) => v && typeof v === 'object' && !(ITEM in v)));
}

export async function runDagTask(
  deps: EngineDeps,
  ctx: { job: Job; token?: string; signal: AbortSignal; log: Logger },
): Promise<unknown> {
  const { job } = ctx;
  const data = job.data as DagTaskData;
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
  // The teardown is not cancellable: it is what cleans up after a cancellation.
  let set = running.get(data.orderId);
  if (!set) running.set(data.orderId, (set = new Set()));
  if (data.taskId !== 'teardown') set.add(controller);
  try {
    return await runTask(deps, { ...ctx, signal: controller.signal }, dag, data, order);
  } finally {
    clearTimeout(timer);
    set.delete(controller);
    if (!set.size) running.delete(data.orderId);
    ctx.signal.removeEventListener('abort', onStop);
  }
}

async function runTask(
  deps: EngineDeps,
  ctx: { job: Job; token?: string; signal: AbortSignal; log: Logger },
  dag: Dag,
  data: DagTaskData,
  order: Awaited<ReturnType<typeof orderOf>>,
): Promise<unknown> {
  const { job } = ctx;
  const params = dag.params.parse(order.params) as unknown;
  let lastReport = 0;
  const progress = async (pct: number) => {
    await job.updateProgress(pct);
    // At most one order update a second (the order row is shared by every task of the run).
    if (data.taskId === 'teardown' || data.index !== undefined || Date.now() - lastReport < 1000) return;
    lastReport = Date.now();
    await status(deps, {
      orderId: data.orderId,
      status: 'RUNNING',
      progress: progressOf(dag, data.taskId, pct),
      source: 'engine',
    }).catch(() => {});
  };
  const base = {
    params,
    orderId: data.orderId,
    signal: ctx.signal,
    progress,
    log: ctx.log,
    services: deps.services ?? NO_SERVICES,
  };

  // The teardown (root): always runs; then the order's final state.
  if (data.taskId === 'teardown') {
    const inputs = await inputsOf(job);
    if (dag.teardown) await bounded(dag.teardown.run({ ...base, inputs }), ctx.signal);
    const now = await orderOf(deps, data.orderId);
    if (!isFinal(now.status)) {
      const failures = Object.values(await job.getIgnoredChildrenFailures());
      if (failures.length) {
        const reason = await rootCause(deps.tasksQueue, String(failures[0]));
        await status(deps, {
          orderId: data.orderId,
          status: 'FAILED',
          error: { code: 'TASK_FAILED', message: reason },
          source: 'engine',
        });
      } else {
        await status(deps, { orderId: data.orderId, status: 'SUCCESS', result: inputs, source: 'engine' });
      }
    }
    return inputs;
  }

  if (isFinal(order.status)) return {}; // aborted or failed meanwhile: nothing to do
  if (order.status === 'RECEIVED') await status(deps, { orderId: data.orderId, status: 'QUEUED', source: 'engine' });
  if (order.status === 'RECEIVED' || order.status === 'QUEUED') {
    await status(deps, { orderId: data.orderId, status: 'RUNNING', progress: 0, source: 'engine' });
  }
  const def = dag.tasks[data.taskId];
  if (!def) throw new UnrecoverableError(`DAG ${dag.id} has no task ${data.taskId}`);

  try {
    // One item of a fan-out.
    if (data.index !== undefined) {
      const inputs = (job.data as { inputs?: Record<string, unknown> }).inputs ?? {};
      return { [ITEM]: data.index, value: await bounded(def.run({ ...base, inputs }, data.item), ctx.signal) };
    }
    const inputs = await inputsOf(job);
    let result: unknown;
    if (def.fanOut) {
      const items = Object.values(await job.getChildrenValues()).filter((v) => v && typeof v === 'object' && ITEM in v) as {
        [ITEM]: number;
        value: unknown;
      }[];
      if (items.length === 0) {
        const list = def.fanOut(inputs, params as never);
        const queue = job.queueQualifiedName;
        for (let i = 0; i < list.length; i++) {
          await deps.tasksQueue.add(
            DAG_TASK_JOB,
            { ...data, index: i, item: list[i], inputs },
            {
              jobId: jobIdOf(data.orderId, data.taskId, i),
              parent: { id: job.id!, queue },
              attempts: def.retry?.attempts ?? dag.retry.attempts,
            },
          );
        }
        if (list.length && (await job.moveToWaitingChildren(ctx.token!))) throw new WaitingChildrenError();
      }
      result = items.sort((a, b) => a[ITEM] - b[ITEM]).map((x) => x.value);
    } else {
      result = await bounded(def.run({ ...base, inputs }), ctx.signal);
    }
    await status(deps, {
      orderId: data.orderId,
      status: 'RUNNING',
      progress: progressOf(dag, data.taskId, 100),
      source: 'engine',
    });
    return { ...inputs, [data.taskId]: result };
  } catch (e) {
    if (e instanceof WaitingChildrenError) throw e;
    // Cancelled (or failed elsewhere) meanwhile: nothing to retry; the rest of the chain does nothing.
    if (isFinal((await orderOf(deps, data.orderId)).status)) return {};
    // The worker is stopping: the job goes back to its queue (run-job.ts), not counted as a failure.
    if (ctx.signal.aborted && !(ctx.signal.reason instanceof TaskTimeoutError)) throw e;
    const final =
      e instanceof UnrecoverableError || (isAppError(e) && e.status < 500) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) {
      const message = isAppError(e) ? e.detail : e instanceof Error ? e.message : String(e);
      const invalid = (isAppError(e) && e.status < 500) || INVALID_CODES.test(message);
      await status(deps, {
        orderId: data.orderId,
        status: invalid ? 'INVALID' : 'FAILED',
        error: { code: isAppError(e) ? (e.reason ?? e.code) : 'TASK_FAILED', message: `${data.taskId}: ${message}` },
        source: 'engine',
      }).catch(() => {});
    }
    throw e;
  }
}
