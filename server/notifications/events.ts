/**
 * The events a client is told about: an order starting to run (once: RUNNING is entered once; progress reports
 * are not events) and every final state; `ping` is the test message (POST /v1/webhooks/test).
 */
import type { OrderStatus } from '../orders/order-status';

export const ORDER_EVENT_TYPES = ['order.running', 'order.succeeded', 'order.failed', 'order.invalid', 'order.aborted'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];
export const PING = 'ping';

const BY_STATUS: Partial<Record<OrderStatus, OrderEventType>> = {
  RUNNING: 'order.running',
  SUCCESS: 'order.succeeded',
  FAILED: 'order.failed',
  INVALID: 'order.invalid',
  ABORTED: 'order.aborted',
};

/** The event an order's new status is, or null (RECEIVED, QUEUED: nothing to tell). */
export const eventOfStatus = (s: OrderStatus): OrderEventType | null => BY_STATUS[s] ?? null;

/** The Standard Webhooks message id of a delivery: stable across its retries. */
export const messageIdOf = (deliveryId: string) => `msg_${deliveryId.replace(/-/g, '')}`;
