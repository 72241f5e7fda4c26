/**
 * One step of the Airflow bridge for an order (the `airflow.run` job): trigger the order's DAG run if it is not yet,
 * read the run and its task instances, record what changed through the status manager, and say when to look again.
 * Never sleeps: the processor re-enqueues the job delayed (`pollInMs`). Every step is idempotent (dag_run_id = order
 * id, a 409 is a replay), so a lost or doubled job costs a call, never an order.
 *
 * Airflow unreachable → an order event notes the reason (the order stays QUEUED/RUNNING) and the error is rethrown for
 * BullMQ's backoff; the reconciler re-enqueues an order whose chain of jobs died (jobs/reconcile-orders.ts).
 * Airflow refusing the credentials (401/403, or a failed v2 POST /auth/token) cannot get better by retrying: the order
 * ends FAILED (`AIRFLOW_CREDENTIALS`) naming the connection, "credentials refused".
 */
import { UnrecoverableError } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { orderEvents, orders, orderTasks, services } from '~/db/schema';
import { AirflowError, isCredentialsRefused } from '~/server/airflow/airflow-error';
import { failDagRun } from '~/server/airflow/fail-dag-run';
import { getDag } from '~/server/airflow/get-dag';
import { getDagRun } from '~/server/airflow/get-dag-run';
import { getTaskLogTail } from '~/server/airflow/get-task-log-tail';
import { getXcom, RESULT_TASK_ID } from '~/server/airflow/get-xcom';
import { listTaskInstances } from '~/server/airflow/list-task-instances';
import { resolveAirflowConnection, type EnvConnections } from '~/server/airflow/resolve-connection';
import type { AirflowConnection, AirflowDagRun, AirflowTaskInstance } from '~/server/airflow/schemas';
import { triggerDagRun } from '~/server/airflow/trigger-dag-run';
import { AppError } from '~/server/errors';
import { applyOrderEvent, type OrderEventInput } from '~/server/orders/apply-order-event';
import { isFinal } from '~/server/orders/order-status';

export type AirflowBridgeDeps = {
  db: Database;
  /** Publishing order changes (optional in tests). */
  redis?: Parameters<typeof applyOrderEvent>[0]['redis'];
  queuePrefix?: string;
  /** Hands the notifications of a status change to their sender (absent: the sweep sends them). */
  enqueue?: Parameters<typeof applyOrderEvent>[0]['enqueue'];
  encryptionKey: string;
  envConnections: EnvConnections;
  now?: () => Date;
};

export type StepResult = { state: string; pollInMs: number | null };

const SOURCE = 'airflow';
/** Polling backoff: 2 s at first, growing with the run's age to 30 s. */
const MIN_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;
/** While the bridge follows an order it keeps the deadline this far ahead; past it, the reconciler steps in. */
export const AIRFLOW_WATCH_MS = 10 * 60_000;
const FINISHED = new Set(['success', 'failed', 'upstream_failed', 'skipped', 'removed']);

export async function runAirflowOrder(deps: AirflowBridgeDeps, orderId: string): Promise<StepResult> {
  const now = deps.now ?? (() => new Date());
  const [o] = await deps.db
    .select({ order: orders, engine: services.engine, dagId: services.dagId, connection: services.airflowConnection })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(eq(orders.id, orderId));
  if (!o) throw new UnrecoverableError(`no order ${orderId}`);
  if (o.engine !== 'airflow') throw new UnrecoverableError(`order ${orderId} is not an Airflow order`);
  const order = o.order;
  const record = (e: Omit<OrderEventInput, 'orderId' | 'source'>) =>
    applyOrderEvent(
      { db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, now, enqueue: deps.enqueue },
      { orderId, source: SOURCE, ...e },
    );
  /** FAILED is reached from RUNNING only (the status model): walk there first. */
  const fail = async (code: string, message: string) => {
    const cur = (await deps.db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s;
    if (isFinal(cur)) return;
    if (cur === 'RECEIVED') await record({ status: 'QUEUED' });
    if (cur !== 'RUNNING') await record({ status: 'RUNNING' });
    await record({ status: 'FAILED', error: { code, message: message.slice(0, 4000) } });
  };

  let conn: AirflowConnection;
  try {
    conn = await resolveAirflowConnection(deps, o.connection);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') {
      await fail('AIRFLOW_CONNECTION', e.message);
      return { state: 'failed', pollInMs: null };
    }
    throw e;
  }

  try {
    if (order.status === 'ABORTED') {
      await failDagRun(conn, o.dagId, orderId);
      return { state: 'aborted', pollInMs: null };
    }
    if (isFinal(order.status)) return { state: order.status.toLowerCase(), pollInMs: null };

    // QUEUED = handed to Airflow: an order waiting for an unreachable Airflow shows QUEUED with the reason.
    if (order.status === 'RECEIVED') await record({ status: 'QUEUED', message: `handed to Airflow (${conn.name})` });
    let run = await getDagRun(conn, o.dagId, orderId);
    if (!run) {
      const dag = await getDag(conn, o.dagId);
      if (!dag.ok) {
        await fail('AIRFLOW_DAG', dag.reason);
        return { state: 'failed', pollInMs: null };
      }
      const t = await triggerDagRun(conn, { dagId: o.dagId, orderId, params: order.params as Record<string, unknown> });
      if (!t.triggered) {
        await fail('AIRFLOW_DAG', t.reason);
        return { state: 'failed', pollInMs: null };
      }
      await note(
        deps.db,
        orderId,
        t.replay ? `Airflow run ${orderId} was already triggered` : `Airflow run ${orderId} triggered`,
        now(),
      );
      run = await getDagRun(conn, o.dagId, orderId);
      if (!run) return { state: 'queued', pollInMs: MIN_POLL_MS };
    }
    return await follow(deps, conn, { orderId, dagId: o.dagId, run, record, fail, now: now() });
  } catch (e) {
    if (isCredentialsRefused(e)) {
      await fail('AIRFLOW_CREDENTIALS', e.message);
      const cur = (await deps.db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s;
      return { state: cur.toLowerCase(), pollInMs: null };
    }
    if (e instanceof AirflowError) {
      await note(deps.db, orderId, `waiting for Airflow: ${e.message}`, now());
      await keepWatching(deps.db, orderId, now());
    }
    throw e;
  }
}

async function follow(
  deps: AirflowBridgeDeps,
  conn: AirflowConnection,
  x: {
    orderId: string;
    dagId: string;
    run: AirflowDagRun;
    record: (e: Omit<OrderEventInput, 'orderId' | 'source'>) => Promise<unknown>;
    fail: (code: string, message: string) => Promise<void>;
    now: Date;
  },
): Promise<StepResult> {
  const { orderId, dagId, run } = x;
  const tis = await listTaskInstances(conn, dagId, orderId);
  await saveTasks(deps.db, orderId, tis);
  const cur = (
    await deps.db.select({ s: orders.status, queuedAt: orders.queuedAt }).from(orders).where(eq(orders.id, orderId))
  )[0]!;
  if (cur.s === 'ABORTED') {
    await failDagRun(conn, dagId, orderId);
    return { state: 'aborted', pollInMs: null };
  }
  if (isFinal(cur.s)) return { state: cur.s.toLowerCase(), pollInMs: null };
  const progress = tis.length ? Math.floor((100 * tis.filter((t) => FINISHED.has(t.state ?? '')).length) / tis.length) : 0;
  const summary = {
    dagId,
    dagRunId: run.dag_run_id ?? orderId,
    state: run.state,
    startDate: run.start_date ?? null,
    endDate: run.end_date ?? null,
    tasks: tis.length,
  };

  if (run.state === 'queued') {
    if (cur.s === 'RECEIVED') await x.record({ status: 'QUEUED' });
  } else if (run.state === 'running') {
    if (cur.s === 'RECEIVED') await x.record({ status: 'QUEUED' });
    await x.record({ status: 'RUNNING', progress: Math.min(progress, 99) });
  } else if (run.state === 'success') {
    if (cur.s === 'RECEIVED') await x.record({ status: 'QUEUED' });
    if (cur.s !== 'RUNNING') await x.record({ status: 'RUNNING' });
    const xcom = tis.some((t) => t.task_id === RESULT_TASK_ID) ? await getXcom(conn, dagId, orderId, RESULT_TASK_ID) : null;
    await x.record({ status: 'SUCCESS', result: { airflow: summary, ...(xcom === null ? {} : { value: xcom }) } });
    return { state: 'success', pollInMs: null };
  } else {
    const failed = tis.find((t) => t.state === 'failed') ?? tis.find((t) => t.state === 'upstream_failed');
    const tail = failed
      ? await getTaskLogTail(conn, {
          dagId,
          runId: orderId,
          taskId: failed.task_id,
          tryNumber: failed.try_number ?? 1,
          mapIndex: failed.map_index,
        })
      : '';
    const what = failed ? `task ${failed.task_id} ${failed.state}` : 'the run failed';
    await x.fail('AIRFLOW_TASK_FAILED', `Airflow DAG ${dagId}: ${what}${tail ? `\n${tail}` : ''}`);
    return { state: 'failed', pollInMs: null };
  }
  await keepWatching(deps.db, orderId, x.now);
  const age = x.now.getTime() - (cur.queuedAt ?? x.now).getTime();
  return { state: run.state, pollInMs: Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(age / 5))) };
}

/** The task list for the console (one row per task instance, upserted). */
async function saveTasks(db: Database, orderId: string, tis: AirflowTaskInstance[]) {
  if (!tis.length) return;
  const date = (s: string | null | undefined) => (s ? new Date(s) : null);
  await db
    .insert(orderTasks)
    .values(
      tis.map((t) => ({
        orderId,
        taskId: t.task_id,
        mapIndex: t.map_index ?? -1,
        state: t.state ?? null,
        tryNumber: t.try_number ?? 0,
        startedAt: date(t.start_date),
        endedAt: date(t.end_date),
      })),
    )
    .onConflictDoUpdate({
      target: [orderTasks.orderId, orderTasks.taskId, orderTasks.mapIndex],
      set: {
        state: sql`excluded.state`,
        tryNumber: sql`excluded.try_number`,
        startedAt: sql`excluded.started_at`,
        endedAt: sql`excluded.ended_at`,
        updatedAt: sql`now()`,
      },
    });
}

/** A visible reason without a status change: an order event from the current status to itself. */
async function note(db: Database, orderId: string, message: string, at: Date) {
  const [o] = await db.select({ s: orders.status, p: orders.progress }).from(orders).where(eq(orders.id, orderId));
  if (!o || isFinal(o.s)) return;
  await db.insert(orderEvents).values({ orderId, fromStatus: o.s, toStatus: o.s, progress: o.p, message, source: SOURCE, at });
}

const keepWatching = (db: Database, orderId: string, now: Date) =>
  db
    .update(orders)
    .set({ deadlineAt: new Date(now.getTime() + AIRFLOW_WATCH_MS) })
    .where(eq(orders.id, orderId));
