import { sweepNotifications } from '~/server/notifications/sweep-notifications';
import { defineProcessor } from './define-processor';

/** Every minute: deliveries due whose job was lost are enqueued again; old finished ones are purged. */
export default defineProcessor({
  job: 'maintenance.sweep-notifications',
  run: async ({ deps, log }) => {
    const r = await sweepNotifications({ db: deps.db, enqueue: deps.queues.enqueue, now: deps.now() });
    if (r.requeued || r.purged) log.info('swept notifications', r);
    return r;
  },
});
