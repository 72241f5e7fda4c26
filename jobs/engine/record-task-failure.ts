/**
 * What a task's error means for its order. Cancelled (or failed elsewhere) meanwhile: nothing to retry, the task
 * returns nothing. The worker stopping: the error goes up and the job back to its queue (jobs/run-job.ts). A last
 * attempt, an UnrecoverableError or a client-side error (4xx AppError): the order ends FAILED, or INVALID for a
 * request the product cannot serve, with the task's reason, so the order's error says what happened rather than
 * "a child failed". Otherwise BullMQ retries the task.
 */
import { UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import { isAppError } from '~/server/errors';
import { isFinal } from '~/server/orders/order-status';
import type { DagTaskData } from '~/server/queue/job-contracts';
import { TaskTimeoutError } from './bounded';
import type { EngineDeps } from './engine-deps';
import { orderOf, recordStatus } from './order-state';

const INVALID_CODES = /^(VALIDATION|UNPROCESSABLE|NOT_FOUND): /;

/** Resolves to the task's (empty) result when the error needs no retry; otherwise rethrows `e`. */
export async function recordTaskFailure(
  deps: EngineDeps,
  ctx: { job: Job; signal: AbortSignal },
  data: DagTaskData,
  e: unknown,
): Promise<Record<string, never>> {
  if (e instanceof WaitingChildrenError) throw e;
  if (isFinal((await orderOf(deps, data.orderId)).status)) return {};
  if (ctx.signal.aborted && !(ctx.signal.reason instanceof TaskTimeoutError)) throw e;
  const { job } = ctx;
  const final =
    e instanceof UnrecoverableError || (isAppError(e) && e.status < 500) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (final) {
    const message = isAppError(e) ? e.detail : e instanceof Error ? e.message : String(e);
    const invalid = (isAppError(e) && e.status < 500) || INVALID_CODES.test(message);
    await recordStatus(deps, {
      orderId: data.orderId,
      status: invalid ? 'INVALID' : 'FAILED',
      error: { code: isAppError(e) ? (e.reason ?? e.code) : 'TASK_FAILED', message: `${data.taskId}: ${message}` },
      source: 'engine',
    }).catch(() => {});
  }
  throw e;
}
