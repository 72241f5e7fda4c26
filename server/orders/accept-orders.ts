/**
 * The accepting half every order path shares (product orders, production services, later OGC execution):
 * - `insertOrders`: under a per-client advisory lock, so parallel requests cannot overshoot, at most
 *   ORDER_MAX_OPEN_PER_CLIENT open orders (429 + Retry-After); the orders (RECEIVED) and their first events are
 *   inserted in one transaction, all or none;
 * - `dispatchOrder`: its start job is enqueued with a job id derived from the order id (a retried enqueue cannot
 *   start it twice): `dag.dispatch` for the embedded engine, `airflow.run` for Airflow. If Redis fails here the order
 *   is still accepted: its deadline is set to now, so the reconciler dispatches it at its next run (the worker runs
 *   one as soon as its Redis connection is back);
 * - the Idempotency-Key rules: visible ASCII, and the same key with a different request is a conflict.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { orderEvents, orders, type Order, type OrderOgc } from '~/db/schema';
import type { Queues } from '~/server/queue/enqueue';
import { failureSummary } from '../dependency-failure';
import { AppError } from '../errors';
import { createLogger } from '../logging/logger';
import { checkCallbackUrl } from '../notifications/check-callback-url';
import { notificationSettings, type NotificationSettings } from '../notifications/settings';
import { OPEN } from './order-status';

const log = createLogger('orders');

/** Time before the reconciler looks at an order that was never dispatched. */
const DISPATCH_DEADLINE_MS = 2 * 60_000;
const RETRY_AFTER_SECONDS = 30;

/** What the caller gets back: never the AOI or the request, which can be megabytes to decode. */
export const acceptedColumns = {
  id: orders.id,
  serviceId: orders.serviceId,
  status: orders.status,
  areaKm2: orders.areaKm2,
  receivedAt: orders.receivedAt,
};
export type AcceptedOrder = Pick<Order, keyof typeof acceptedColumns>;

export function checkIdempotencyKey(key: string | undefined) {
  if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new AppError('VALIDATION', 'Idempotency-Key: 1 to 128 visible ASCII characters');
  }
}

/** JSON with sorted keys (jsonb does not keep key order). */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
export const sameRequest = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Two requests with the same new key at once: the loser's insert breaks the unique index. */
export const isIdempotencyRace = (e: unknown) =>
  /orders_client_idempotency_key/.test(String((e as { cause?: unknown }).cause ?? e));

export type NewOrderItem = {
  params: Record<string, unknown>;
  aoi?: Order['aoi'];
  areaKm2?: number | null;
  idempotencyKey?: string;
  /** The production unit a per-unit service runs for (sub-production units are named in the parameters). */
  productionUnitId?: number | null;
  /** The body's `callback_url` (server/notifications/webhook-url.ts), checked here before anything is written. */
  callbackUrl?: string;
  /** An OGC job's execution options (server/ogc/); its `subscriber` URIs are checked like `callback_url`. */
  ogc?: OrderOgc;
};

export async function insertOrders(
  deps: { db: Database; now?: () => Date; notifications?: NotificationSettings },
  q: { serviceId: string; apiClientId: string; maxOpenPerClient: number; items: NewOrderItem[] },
): Promise<AcceptedOrder[]> {
  const now = deps.now?.() ?? new Date();
  const destinations = new Map<string, string>();
  for (const it of q.items) {
    if (it.callbackUrl) destinations.set(it.callbackUrl, 'callback_url');
    for (const [k, url] of Object.entries(it.ogc?.subscriber ?? {})) if (url) destinations.set(url, `subscriber.${k}`);
  }
  for (const [url, field] of destinations) {
    await checkCallbackUrl(deps.db, q.apiClientId, url, deps.notifications ?? notificationSettings(), field);
  }
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`orders:${q.apiClientId}`}))`);
    const [open] = await tx
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.apiClientId, q.apiClientId), inArray(orders.status, [...OPEN])));
    if (open!.n + q.items.length > q.maxOpenPerClient) {
      const asked = q.items.length > 1 ? ` and ask for ${q.items.length} more` : '';
      throw new AppError(
        'RATE_LIMITED',
        `you have ${open!.n} orders in progress${asked}; at most ${q.maxOpenPerClient} may run at once. Wait for one to finish.`,
        { reason: 'TOO_MANY_OPEN_ORDERS', headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
      );
    }
    const rows = await tx
      .insert(orders)
      .values(
        q.items.map((it) => ({
          serviceId: q.serviceId,
          apiClientId: q.apiClientId,
          params: it.params,
          aoi: it.aoi ?? null,
          areaKm2: it.areaKm2 ?? null,
          idempotencyKey: it.idempotencyKey ?? null,
          productionUnitId: it.productionUnitId ?? null,
          callbackUrl: it.callbackUrl ?? null,
          ogc: it.ogc ?? null,
          receivedAt: now,
          updatedAt: now,
          deadlineAt: new Date(now.getTime() + DISPATCH_DEADLINE_MS),
        })),
      )
      .returning(acceptedColumns);
    await tx
      .insert(orderEvents)
      .values(rows.map((o) => ({ orderId: o.id, toStatus: 'RECEIVED' as const, progress: 0, source: 'api', at: now })));
    return rows;
  });
}

export type Dispatch = { kind: 'embedded'; dagId: string } | { kind: 'airflow' };

export async function dispatchOrder(deps: { db: Database; queues: Queues }, orderId: string, engine: Dispatch) {
  const enqueued =
    engine.kind === 'embedded'
      ? deps.queues.enqueue('dag.dispatch', { orderId, dagId: engine.dagId }, { jobId: `dispatch.${orderId}` })
      : deps.queues.enqueue('airflow.run', { orderId }, { jobId: `airflow.${orderId}` });
  await enqueued.catch(async (e: unknown) => {
    // The order is safe in the database; due now, the reconciler dispatches it at its next run.
    log.warn('dispatch not enqueued; the reconciler will dispatch the order', { orderId, failure: failureSummary(e) });
    await deps.db
      .update(orders)
      .set({ deadlineAt: new Date() })
      .where(eq(orders.id, orderId))
      .catch(() => {}); // the database is down too: the order is found after DISPATCH_DEADLINE_MS instead
  });
}
