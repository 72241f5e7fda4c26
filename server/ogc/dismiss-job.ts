/**
 * `DELETE /ogc/jobs/{jobId}` (conformance class dismiss), answered with the statusInfo, status `dismissed`:
 * - a job in progress is cancelled through the one abort path (abort-order.ts): the order becomes ABORTED and the
 *   worker stops its running tasks; the job stays in the list as `dismissed`;
 * - a finished job (successful, failed, or dismissed before) is removed from /ogc/jobs (`dismissed_at`); the order
 *   stays in the legacy API and the console, and its package expires as usual (results staged for download are not
 *   deleted under a client that may be fetching them).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import { orders } from '~/db/schema';
import { AppError } from '../errors';
import { abortOrder } from '../orders/abort-order';
import type { OrderViewer } from '../orders/order-access';
import { isFinal } from '../orders/order-status';
import type { Enqueue } from '../queue/enqueue';
import { noSuchJob } from './exceptions';
import { findJob } from './find-job';
import { toStatusInfo } from './status-info';

export async function dismissJob(
  deps: { db: Database; redis: Redis; channelPrefix: string; enqueue?: Enqueue; now?: () => Date },
  viewer: OrderViewer & { label: string },
  jobId: string,
) {
  const o = await findJob(deps.db, viewer, jobId);
  if (!isFinal(o.status)) {
    try {
      await abortOrder(deps, viewer, o.id);
      return toStatusInfo(await findJob(deps.db, viewer, o.id));
    } catch (e) {
      // It finished meanwhile: dismissing it now removes it, as for any finished job.
      if (!(e instanceof AppError && e.reason === 'ORDER_FINAL')) throw e;
    }
  }
  const [done] = await deps.db
    .update(orders)
    .set({ dismissedAt: deps.now?.() ?? new Date() })
    .where(and(eq(orders.id, o.id), isNull(orders.dismissedAt)))
    .returning();
  // Two dismissals at once: the other one removed it.
  if (!done) throw noSuchJob(jobId);
  return toStatusInfo({ ...done, serviceName: o.serviceName }, { status: 'dismissed' });
}
