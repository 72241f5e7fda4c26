/**
 * BullMQ reports a failed chain as "child <prefix>:<queue>:<job id> failed"; the reason a user can act on is the
 * failed reason of the first job in the chain, e.g. "extract: job stalled more than allowable limit".
 */
import type { Queue } from 'bullmq';
import type { DagTaskData } from '~/server/queue/job-contracts';

export async function rootCause(queue: Queue, reason: string): Promise<string> {
  for (let depth = 0; depth < 20; depth++) {
    const m = /^child .*:([^:]+) failed$/.exec(reason);
    if (!m) break;
    const child = await queue.getJob(m[1]!);
    if (!child?.failedReason) break;
    reason = /^child /.test(child.failedReason)
      ? child.failedReason
      : `${(child.data as DagTaskData).taskId}: ${child.failedReason}`;
  }
  return reason;
}
