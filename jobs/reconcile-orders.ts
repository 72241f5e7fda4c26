/**
 * The reconciler: orders still open (RECEIVED, QUEUED, RUNNING) past their deadline are resolved from the engine's
 * truth, the state of the run's root job (`<order>.teardown`):
 * - no root job: the dispatch was lost → dispatched again (idempotent), deadline extended;
 * - root job waiting, delayed, active or waiting for children: still working → deadline extended;
 * - root job completed or failed while the order is open: the engine lost the outcome → FAILED with that reason.
 * Orders of Airflow services (whose bridge keeps their deadline ahead while it follows them, jobs/airflow/) are past it
 * only when their chain of `airflow.run` jobs died: `airflow.run` is enqueued again (idempotent), deadline extended.
 */
import type { Queue } from 'bullmq';
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { orders, services } from '~/db/schema';
import { jobIdOf } from '~/dags/plan-flow';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { OPEN } from '~/server/orders/order-status';
import type { Enqueue } from '~/server/queue/enqueue';

export type ReconcileResult = { checked: number; redispatched: number; extended: number; failed: number; airflow: number };

export async function reconcileOrders(
  deps: {
    db: Database;
    tasksQueue: Queue;
    enqueue: Enqueue;
    now: Date;
    graceMs: number;
    publish?: Parameters<typeof applyOrderEvent>[0];
  },
  limit = 200,
): Promise<ReconcileResult> {
  const stuck = await deps.db
    .select({ id: orders.id, status: orders.status, dagId: services.dagId, engine: services.engine })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(and(inArray(orders.status, [...OPEN]), lt(orders.deadlineAt, deps.now)))
    .limit(limit);
  const result: ReconcileResult = { checked: stuck.length, redispatched: 0, extended: 0, failed: 0, airflow: 0 };
  const extend = (id: string) =>
    deps.db
      .update(orders)
      .set({ deadlineAt: new Date(deps.now.getTime() + deps.graceMs) })
      .where(eq(orders.id, id));
  for (const o of stuck) {
    if (o.engine === 'airflow') {
      await deps.enqueue('airflow.run', { orderId: o.id }, { jobId: `airflow.${o.id}.reconcile.${deps.now.getTime()}` });
      await extend(o.id);
      result.airflow++;
      continue;
    }
    const root = await deps.tasksQueue.getJob(jobIdOf(o.id, 'teardown'));
    const state = root ? await root.getState() : 'missing';
    if (state === 'missing' || state === 'unknown') {
      await deps.enqueue('dag.dispatch', { orderId: o.id, dagId: o.dagId }, { jobId: `dispatch.${o.id}.${deps.now.getTime()}` });
      await extend(o.id);
      result.redispatched++;
    } else if (state === 'completed' || state === 'failed') {
      const reason = state === 'failed' ? (root!.failedReason ?? 'the run failed') : 'the run ended without reporting a result';
      const sm = deps.publish ?? { db: deps.db };
      // FAILED is reached from RUNNING only: the run did start.
      if (o.status !== 'RUNNING') {
        if (o.status === 'RECEIVED') await applyOrderEvent(sm, { orderId: o.id, status: 'QUEUED', source: 'reconciler' });
        await applyOrderEvent(sm, { orderId: o.id, status: 'RUNNING', source: 'reconciler' });
      }
      await applyOrderEvent(sm, {
        orderId: o.id,
        status: 'FAILED',
        error: { code: 'RECONCILED', message: `resolved by the reconciler: ${reason}` },
        source: 'reconciler',
      });
      result.failed++;
    } else {
      await extend(o.id);
      result.extended++;
    }
  }
  return result;
}
