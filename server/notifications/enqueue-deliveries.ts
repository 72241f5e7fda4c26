/**
 * Hands deliveries to the sender (`notifications.deliver` jobs). Best effort: a delivery whose job is lost (Redis
 * away, the process gone) is due in the database, and the sweep enqueues it again (sweep-notifications.ts).
 */
import { failureSummary } from '../dependency-failure';
import { createLogger } from '../logging/logger';
import type { Enqueue } from '../queue/enqueue';

const log = createLogger('notifications');

/** Job ids `notify.<delivery>.<attempts made>[.<tag>]`: one job per attempt (a replayed enqueue adds nothing). */
export async function enqueueDeliveries(
  enqueue: Enqueue,
  ids: string[],
  opts: { attempt?: number; delayMs?: number; tag?: string } = {},
) {
  await Promise.all(
    ids.map((deliveryId) =>
      enqueue(
        'notifications.deliver',
        { deliveryId },
        {
          jobId: `notify.${deliveryId}.${opts.attempt ?? 0}${opts.tag ? `.${opts.tag}` : ''}`,
          ...(opts.delayMs ? { delay: opts.delayMs } : {}),
        },
      ).catch((e: unknown) =>
        log.warn('delivery not enqueued; the sweep will send it', { deliveryId, failure: failureSummary(e) }),
      ),
    ),
  );
}
