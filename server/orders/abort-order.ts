/**
 * Cancelling an order (`POST /v1/services/order_status/{id}/abort`, which the reference documented but never
 * built): the status manager makes it ABORTED (refused with 409 once final), and that is all the web does. The
 * change it publishes makes the worker abort the order's running tasks and remove those not yet started
 * (jobs/engine/cancellation.ts); a task a worker takes meanwhile finds the order final and does nothing; the
 * teardown cleans up.
 */
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import type { Enqueue } from '../queue/enqueue';
import { applyOrderEvent } from './apply-order-event';
import { findVisibleOrder, type OrderViewer } from './order-access';
import { isFinal } from './order-status';

export async function abortOrder(
  /** `enqueue` hands the order.aborted notifications to their sender at once (without it the sweep sends them). */
  deps: { db: Database; redis: Redis; channelPrefix: string; enqueue?: Enqueue },
  viewer: OrderViewer & { label: string },
  orderId: string,
): Promise<void> {
  const o = await findVisibleOrder(deps.db, viewer, orderId);
  if (isFinal(o.status)) {
    throw new AppError('CONFLICT', `order ${o.id} is already ${o.status}; only an order in progress can be cancelled`, {
      reason: 'ORDER_FINAL',
    });
  }
  await applyOrderEvent(deps, {
    orderId: o.id,
    status: 'ABORTED',
    message: `cancelled by ${viewer.label}`,
    source: viewer.label.slice(0, 64),
  });
}
