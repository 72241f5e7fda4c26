/**
 * Turns a BullMQ job into a processor call: finds the processor, validates the payload, passes an AbortSignal,
 * and sorts errors once: a bad payload or a client-side domain error (4xx AppError) will fail the same way again,
 * so it becomes an UnrecoverableError (no retry); anything else is rethrown for BullMQ's backoff.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { isAppError } from '../server/errors';
import type { Logger } from '../server/logging/logger';
import type { Processor, ProcessorDeps } from './processors/define-processor';
import { JOBS, type JobName } from './registry';

export function createJobRunner(opts: {
  processors: Processor<JobName>[];
  deps: ProcessorDeps;
  log: Logger;
  signal: AbortSignal;
}) {
  const byName = new Map(opts.processors.map((p) => [p.job, p]));
  return async (job: Job): Promise<unknown> => {
    const processor = byName.get(job.name as JobName);
    if (!processor) throw new UnrecoverableError(`no processor for job "${job.name}"`);
    const parsed = JOBS[processor.job].payload.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const log = opts.log.child({ job: job.name, jobId: job.id });
    try {
      return await processor.run({ payload: parsed.data as never, job, signal: opts.signal, log, deps: opts.deps });
    } catch (e) {
      if (isAppError(e) && e.status < 500) throw new UnrecoverableError(`${e.code}: ${e.detail}`);
      throw e;
    }
  };
}
