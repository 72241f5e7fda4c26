/**
 * Starting an order's workflow: the order's parameters are checked against the DAG (INVALID when they do not match),
 * the order becomes QUEUED and its flow is added (dags/plan-flow.ts; deterministic job ids, so a replayed dispatch
 * adds nothing), and its deadline is set for the reconciler.
 */
import { FlowProducer, UnrecoverableError } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { orders } from '~/db/schema';
import { jobIdOf, planFlow, type PlannedJob } from '~/dags/plan-flow';
import { describeZodIssues, isAppError } from '~/server/errors';
import { isFinal } from '~/server/orders/order-status';
import type { EngineDeps } from './engine-deps';
import { orderOf, recordStatus } from './order-state';

/** After this, an open order is checked by the reconciler (which extends it while the run is alive). */
const RUN_DEADLINE_MS = 15 * 60_000;

/**
 * One FlowProducer per connection and prefix, for the life of the process. A new one per dispatch cost an INFO
 * round trip (its Redis version check) and its script loading on every order, and left its listeners on the
 * shared connection until closed. It owns no connection (it uses the worker's), so nothing closes it.
 */
const producers = new WeakMap<Redis, Map<string, FlowProducer>>();
export function flowProducerOf(redis: Redis, prefix: string): FlowProducer {
  let byPrefix = producers.get(redis);
  if (!byPrefix) producers.set(redis, (byPrefix = new Map()));
  let flow = byPrefix.get(prefix);
  if (!flow) {
    flow = new FlowProducer({ connection: redis, prefix });
    flow.on('error', () => {}); // a lost connection fails the add that meets it (and the job is retried)
    byPrefix.set(prefix, flow);
  }
  return flow;
}

export async function dispatchDag(
  deps: EngineDeps,
  orderId: string,
  dagId: string,
): Promise<{ rootJobId: string } | { invalid: string }> {
  const dag = deps.dags[dagId];
  const order = await orderOf(deps, orderId);
  if (isFinal(order.status)) return { rootJobId: jobIdOf(orderId, 'teardown') };
  if (!dag) {
    // Accepted only when a live worker announced the workflow (server/services/check-engine.ts): this worker is of
    // another version. The order ends INVALID (it never ran) with that reason instead of waiting for ever.
    const message = `this worker has no workflow ${dagId} (workers of different versions?); start the service again`;
    await recordStatus(deps, { orderId, status: 'INVALID', error: { code: 'UNKNOWN_WORKFLOW', message }, source: 'dispatch' });
    throw new UnrecoverableError(message);
  }
  const parsed = dag.params.safeParse(order.params);
  if (!parsed.success) {
    const message = describeZodIssues(parsed.error.issues, '(params)');
    await recordStatus(deps, { orderId, status: 'INVALID', error: { code: 'INVALID_PARAMETERS', message }, source: 'dispatch' });
    return { invalid: message };
  }
  // QUEUED before the flow exists: its first task may start at once and must find the order queued. Should adding
  // the flow fail, the reconciler finds no run for the queued order and dispatches it again.
  if (order.status === 'RECEIVED') {
    try {
      await recordStatus(deps, { orderId, status: 'QUEUED', source: 'dispatch' });
    } catch (e) {
      // Cancelled since it was read (an abort right after acceptance): nothing to start, and no failed job.
      if (isAppError(e) && e.reason === 'ORDER_FINAL') return { rootJobId: jobIdOf(orderId, 'teardown') };
      throw e;
    }
  }
  await flowProducerOf(deps.redis, deps.queuePrefix).add(
    planFlow(dag, orderId, { queueName: 'tasks' }) as PlannedJob & { opts: object },
  );
  // The reconciler looks at the run if the order is still open after this (jobs/reconcile-orders.ts).
  await deps.db
    .update(orders)
    .set({ deadlineAt: new Date((deps.now?.() ?? new Date()).getTime() + RUN_DEADLINE_MS) })
    .where(eq(orders.id, orderId));
  return { rootJobId: jobIdOf(orderId, 'teardown') };
}
