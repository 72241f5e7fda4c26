import { reconcileOrders } from '../reconcile-orders';
import { defineProcessor } from './define-processor';

/** Every minute: resolve orders stuck past their deadline from the engine's truth (jobs/reconcile-orders.ts). */
export default defineProcessor({
  job: 'maintenance.reconcile-orders',
  run: async ({ deps, log }) => {
    const r = await reconcileOrders({
      db: deps.db,
      tasksQueue: deps.queues.get('tasks'),
      enqueue: deps.queues.enqueue,
      now: deps.now(),
      graceMs: 5 * 60_000,
      publish: { db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, enqueue: deps.queues.enqueue },
    });
    if (r.checked) log.info('reconciled orders', r);
    return r;
  },
});
