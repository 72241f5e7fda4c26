/**
 * The sweep (`maintenance.sweep-notifications`, every minute): deliveries due for a while that no sender holds lost
 * their job (Redis away when the order changed, a worker gone, or an event the web applied without a queue at
 * hand); they are enqueued again (a doubled job finds the delivery claimed or done and does nothing). Finished
 * deliveries older than NOTIFICATION_RETENTION_DAYS are deleted with their attempts.
 */
import { and, eq, lte, ne, or, isNull, lt, asc, inArray } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { notificationDeliveries } from '~/db/schema';
import type { Enqueue } from '../queue/enqueue';
import { enqueueDeliveries } from './enqueue-deliveries';

/** A delivery's own job normally runs within this of its due time. */
const GRACE_MS = 30_000;
export const NOTIFICATION_RETENTION_DAYS = 30;

export async function sweepNotifications(
  deps: { db: Database; enqueue: Enqueue; now: Date },
  limit = 500,
): Promise<{ requeued: number; purged: number }> {
  const t = notificationDeliveries;
  const due = await deps.db
    .select({ id: t.id, attempts: t.attempts })
    .from(t)
    .where(
      and(
        eq(t.state, 'pending'),
        lte(t.nextAttemptAt, new Date(deps.now.getTime() - GRACE_MS)),
        or(isNull(t.lockedUntil), lte(t.lockedUntil, deps.now)),
      ),
    )
    .orderBy(asc(t.nextAttemptAt))
    .limit(limit);
  const tag = `sweep${deps.now.getTime()}`;
  await Promise.all(due.map((d) => enqueueDeliveries(deps.enqueue, [d.id], { attempt: d.attempts, tag })));
  const old = deps.db
    .select({ id: t.id })
    .from(t)
    .where(and(ne(t.state, 'pending'), lt(t.createdAt, new Date(deps.now.getTime() - NOTIFICATION_RETENTION_DAYS * 86_400_000))))
    .limit(5_000);
  const purged = await deps.db.delete(t).where(inArray(t.id, old)).returning({ id: t.id });
  return { requeued: due.length, purged: purged.length };
}
