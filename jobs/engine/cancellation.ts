/**
 * Cancelling an order in the worker. The web only makes the order ABORTED (server/orders/abort-order.ts); the status
 * manager publishes the change, and every worker that hears it aborts the order's running tasks in its process (a
 * GDAL child process is killed, server/geo/subprocess.ts) and removes the tasks not yet started from the queue. A
 * worker that was away meanwhile misses the message, which costs nothing: a task of a final order does nothing.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '~/server/logging/logger';
import { orderChannel, type OrderChange } from '~/server/orders/apply-order-event';
import { removePendingTasks } from './remove-pending-tasks';

/** Running task jobs of this process per order, so a cancellation reaches their work. */
const running = new Map<string, Set<AbortController>>();

/** Registers a running task's controller under its order; the returned function unregisters it. */
export function trackRunningTask(orderId: string, controller: AbortController): () => void {
  let set = running.get(orderId);
  if (!set) running.set(orderId, (set = new Set()));
  set.add(controller);
  return () => {
    set.delete(controller);
    if (!set.size && running.get(orderId) === set) running.delete(orderId);
  };
}

/** Orders with running tasks in this process (for tests and the soak benchmark: it must drop back to 0). */
export const runningOrderCount = () => running.size;

/** Aborts the running tasks of an order in this process. */
export function abortOrderTasks(orderId: string): number {
  const set = running.get(orderId);
  if (!set) return 0;
  for (const c of set) c.abort(new Error('the order was cancelled'));
  return set.size;
}

/**
 * Subscribes to order changes: an order that becomes ABORTED stops its running tasks in this process, and (given the
 * tasks queue) its pending tasks are removed. Returns the subscriber connection (quit it to stop).
 */
export async function listenForCancellations(
  connection: Redis,
  prefix: string,
  opts: { tasksQueue?: Queue; log?: Logger } = {},
): Promise<Redis> {
  const { tasksQueue, log } = opts;
  const subscriber = connection.duplicate();
  subscriber.on('error', (e) => log?.warn('order events subscriber', { error: e.message }));
  await subscriber.subscribe(orderChannel(prefix));
  subscriber.on('message', (_channel, message) => {
    const change = JSON.parse(message) as OrderChange;
    if (change.to !== 'ABORTED' || !change.changed) return;
    if (abortOrderTasks(change.orderId) > 0) log?.info('cancelled running tasks', { orderId: change.orderId });
    // Best effort: a pending task left behind finds the order final and does nothing.
    if (!tasksQueue) return;
    removePendingTasks(tasksQueue, change.orderId).then(
      (n) => void (n && log?.info('removed pending tasks of a cancelled order', { orderId: change.orderId, removed: n })),
      (e: unknown) => log?.warn('pending tasks not removed', { orderId: change.orderId, error: String(e) }),
    );
  });
  return subscriber;
}
