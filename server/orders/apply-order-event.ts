/**
 * The status manager's one operation: apply an event to an order. It is the only writer of order state.
 *
 * - Allowed transitions only (order-status.ts); an illegal one is refused (CONFLICT) and changes nothing.
 * - Idempotent: an event that would not change the order (same status, replayed) is a no-op, so a redelivered job
 *   or a replayed dispatch changes nothing.
 * - The order row and its `order_events` row are written in one transaction, with the lifecycle timestamps.
 * - Every change is published (Redis pub/sub) for live views, after the commit.
 * - Notifications (RUNNING, final states) are written to the outbox in the same transaction
 *   (server/notifications/record-order-notifications.ts) and handed to the sender after the commit (`enqueue`; without
 *   it, or should that fail, the sweep sends them within a minute or two).
 */
import { eq, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { orderEvents, orders, type Order, type OrderResult } from '~/db/schema';
import { AppError } from '../errors';
import { enqueueDeliveries } from '../notifications/enqueue-deliveries';
import { recordOrderNotifications } from '../notifications/record-order-notifications';
import { notificationSettings, type NotificationSettings } from '../notifications/settings';
import { countOrderTransition } from '../metrics/orders';
import type { Enqueue } from '../queue/enqueue';
import { canTransition, isFinal, ORDER_STATUSES } from './order-status';

/** `orders.result`, checked where it is written (the status manager): what the rest of the code may rely on. */
const orderResult = z
  .object({
    package: z
      .object({
        packageId: z.string().min(1),
        fileName: z.string().min(1),
        bytes: z.number().nonnegative(),
        sha256: z.string(),
        expiresAt: z.string(),
      })
      .optional(),
  })
  .catchall(z.unknown()) satisfies z.ZodType<OrderResult>;

export const orderEventInput = z
  .object({
    orderId: z.uuid(),
    status: z.enum(ORDER_STATUSES),
    /** 0–100; with RUNNING, a progress report. */
    progress: z.number().min(0).max(100).optional(),
    /** The workflow's task results by task id (db/schema/orders.ts OrderResult); `package` is the delivered one. */
    result: orderResult.optional(),
    error: z.object({ code: z.string().min(1).max(64), message: z.string().min(1).max(4000) }).optional(),
    message: z.string().max(4000).optional(),
    /** Who reports it: `api`, `worker`, `reconciler`, `user:<id>`… */
    source: z.string().min(1).max(64),
  })
  .strict();
export type OrderEventInput = z.infer<typeof orderEventInput>;

export type OrderChange = {
  orderId: string;
  from: Order['status'];
  to: Order['status'];
  progress: number;
  changed: boolean;
  at: string;
};

export const orderChannel = (prefix: string) => `${prefix}:orders`;

/**
 * `now` (a JS Date: milliseconds) clamped to the order's receipt (PostgreSQL's now(): microseconds). An order aborted in
 * the millisecond it was received would otherwise stop "before" it was received and break `orders_times_check`.
 */
const notBeforeReceipt = (now: Date) => sql<Date>`greatest(${now.toISOString()}::timestamptz, ${orders.receivedAt})`;

export async function applyOrderEvent(
  deps: {
    db: Database;
    redis?: Redis;
    channelPrefix?: string;
    now?: () => Date;
    enqueue?: Enqueue;
    notifications?: NotificationSettings;
  },
  raw: OrderEventInput,
): Promise<OrderChange> {
  const e = orderEventInput.parse(raw);
  const now = deps.now?.() ?? new Date();
  if ((e.status === 'FAILED' || e.status === 'INVALID') && !e.error) {
    throw new AppError('VALIDATION', `error: a ${e.status} order needs an error code and message`);
  }
  if (e.status === 'SUCCESS' && !e.result) throw new AppError('VALIDATION', 'result: a SUCCESS order needs its result');

  let deliveries: string[] = [];
  let serviceId = '';
  const change = await deps.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, e.orderId)).for('update');
    if (!order) throw new AppError('NOT_FOUND', `no order ${e.orderId}`);
    const from = order.status;
    serviceId = order.serviceId;
    const progress = e.status === 'SUCCESS' ? 100 : Math.max(order.progress, e.progress ?? order.progress);

    if (from === e.status) {
      // A replay, or a progress report while running: never a new event row.
      if (e.status === 'RUNNING' && progress > order.progress) {
        await tx.update(orders).set({ progress, updatedAt: now }).where(eq(orders.id, order.id));
        return { orderId: order.id, from, to: from, progress, changed: true, at: now.toISOString() };
      }
      return { orderId: order.id, from, to: from, progress: order.progress, changed: false, at: now.toISOString() };
    }
    if (isFinal(from)) {
      // A late or replayed event for a finished order changes nothing, but saying so helps whoever sent it.
      throw new AppError('CONFLICT', `order ${order.id} is already ${from}; it cannot become ${e.status}`, {
        reason: 'ORDER_FINAL',
      });
    }
    if (!canTransition(from, e.status)) {
      throw new AppError('CONFLICT', `order ${order.id} cannot go from ${from} to ${e.status}`, { reason: 'ILLEGAL_TRANSITION' });
    }
    await tx
      .update(orders)
      .set({
        status: e.status,
        progress,
        updatedAt: now,
        ...(e.status === 'QUEUED' ? { queuedAt: now } : {}),
        ...(e.status === 'RUNNING' ? { startedAt: order.startedAt ?? notBeforeReceipt(now) } : {}),
        ...(isFinal(e.status) ? { stoppedAt: notBeforeReceipt(now) } : {}),
        ...(e.result ? { result: e.result } : {}),
        ...(e.error ? { errorCode: e.error.code, errorMessage: e.error.message } : {}),
      })
      .where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: from,
      toStatus: e.status,
      progress,
      message: e.error?.message ?? e.message ?? null,
      source: e.source,
      data: e.error ? { code: e.error.code } : null,
      at: now,
    });
    deliveries = await recordOrderNotifications(
      tx,
      order,
      { to: e.status, at: now },
      deps.notifications ?? notificationSettings(),
    );
    return { orderId: order.id, from, to: e.status, progress, changed: true, at: now.toISOString() };
  });

  if (change.from !== change.to) await countOrderTransition(deps.db, serviceId, change.to);
  if (deliveries.length && deps.enqueue) await enqueueDeliveries(deps.enqueue, deliveries);
  if (change.changed && deps.redis) {
    await deps.redis.publish(orderChannel(deps.channelPrefix ?? 'clcplus'), JSON.stringify(change)).catch(() => {});
  }
  return change;
}
