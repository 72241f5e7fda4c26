import { isAppError } from '~/server/errors';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { defineProcessor } from './define-processor';

/**
 * The status manager as a job: applies one order event. An event for an order that is already final is a late
 * replay and is dropped (logged); an illegal transition is a bug in its sender and fails without retry.
 */
export default defineProcessor({
  job: 'orders.event',
  run: async ({ payload, deps, log }) => {
    try {
      return await applyOrderEvent(
        { db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, now: deps.now, enqueue: deps.queues.enqueue },
        payload,
      );
    } catch (e) {
      if (isAppError(e) && e.reason === 'ORDER_FINAL') {
        log.info('late event for a finished order dropped', { orderId: payload.orderId, status: payload.status });
        return { dropped: true };
      }
      throw e;
    }
  },
});
