/**
 * What an admin may do to a queue (R2 re-imagined: nothing is deleted): pause (workers take no new job; running ones
 * finish), resume, retry its failed jobs, or clean completed or failed jobs older than N seconds. Every action is
 * audited, with what it changed.
 */
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { queueNamed, type QueueAdminDeps } from './queue-admin-deps';
import { queueView, type QueueView } from './list-queues';

export const queueAction = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause') }).strict(),
    z.object({ action: z.literal('resume') }).strict(),
    z.object({ action: z.literal('retry'), limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    z
      .object({
        action: z.literal('clean'),
        state: z.enum(['completed', 'failed'], { error: () => 'completed or failed' }),
        older_than_seconds: z
          .number()
          .int()
          .min(0)
          .max(365 * 86_400),
        limit: z.number().int().min(1).max(100_000).default(10_000),
      })
      .strict(),
  ],
  { error: () => 'one of pause, resume, retry, clean' },
);
export type QueueAction = z.infer<typeof queueAction>;

export async function actOnQueue(
  deps: QueueAdminDeps,
  actor: Actor,
  name: string,
  a: QueueAction,
): Promise<{ queue: QueueView; affected: number }> {
  const q = deps.queues.get(queueNamed(name));
  let affected = 0;
  if (a.action === 'pause') await q.pause();
  else if (a.action === 'resume') await q.resume();
  else if (a.action === 'retry') {
    affected = Math.min(await q.getJobCountByTypes('failed'), a.limit);
    await q.retryJobs({ state: 'failed', count: a.limit });
  } else affected = (await q.clean(a.older_than_seconds * 1000, a.limit, a.state)).length;
  await recordAuditEvent(deps.db, {
    ...auditActor(actor),
    action: `queue.${a.action}`,
    targetType: 'queue',
    targetId: name,
    details: { ...a, affected },
  });
  return { queue: await queueView(deps, queueNamed(name)), affected };
}
