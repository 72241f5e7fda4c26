/**
 * Turns a BullMQ job into a processor call: finds the processor, validates the payload, passes an AbortSignal,
 * and sorts errors once: a bad payload or a client-side domain error (4xx AppError) will fail the same way again,
 * so it becomes an UnrecoverableError (no retry); anything else is rethrown for BullMQ's backoff.
 *
 * A database or Redis outage is no failure of the job: it is moved to `delayed` for a few seconds without using an
 * attempt (BullMQ's manual delay), so jobs running when PostgreSQL goes away do not exhaust their retries.
 *
 * When the signal aborts (worker shutdown past its deadline), a running job is released: moved back to `wait`
 * without using up an attempt, so another worker runs it again at once. Processors are idempotent.
 */
import { setMaxListeners } from 'node:events';
import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import { asUnavailable, failureSummary, RETRY_AFTER_SECONDS } from '~/server/dependency-failure';
import { isAppError } from '~/server/errors';
import type { Logger } from '~/server/logging/logger';
import { measureJob } from '~/server/metrics/jobs';
import type { Processor, ProcessorDeps } from './processors/define-processor';
import { JOBS, type JobName } from './registry';
import { z } from 'zod';

export type JobRunner = {
  process: (job: Job, token?: string) => Promise<unknown>;
  /** Resolves when every job being processed has settled (after an abort: is back in its queue). */
  settled: () => Promise<void>;
};

export function createJobRunner(opts: {
  processors: Processor<JobName>[];
  deps: ProcessorDeps;
  log: Logger;
  signal: AbortSignal;
}): JobRunner {
  const byName = new Map(opts.processors.map((p) => [p.job, p]));
  const active = new Set<Promise<unknown>>();
  // Every running job listens to the worker's signal (here, and its task's bounds in jobs/engine/run-dag-task.ts)
  // until it ends: the sum of the queues' concurrencies (≈ 30) is more than Node's default warning limit of 10.
  setMaxListeners(1_000, opts.signal);
  /**
   * Resolves when the worker's signal aborts; `stop()` forgets the listener. One per job, not one for the process:
   * a `Promise.race` against a shared promise that never settles adds a reaction to it per job, and each reaction
   * keeps that job's race and result alive for good (≈ 4 jobs, 5 KB of heap, per order: the worker's leak).
   */
  const abortedOnce = () => {
    let stop = () => {};
    const aborted = new Promise<'aborted'>((resolve) => {
      if (opts.signal.aborted) return resolve('aborted');
      const onAbort = () => resolve('aborted');
      opts.signal.addEventListener('abort', onAbort, { once: true });
      stop = () => opts.signal.removeEventListener('abort', onAbort);
    });
    return { aborted, stop };
  };

  const run = async (job: Job, token?: string): Promise<unknown> => {
    const processor = byName.get(job.name as JobName);
    if (!processor) throw new UnrecoverableError(`no processor for job "${job.name}"`);
    const parsed = JOBS[processor.job].payload.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid payload for ${job.name}:\n${z.prettifyError(parsed.error)}`);
    }
    const log = opts.log.child({ job: job.name, jobId: job.id });
    const work = processor.run({ payload: parsed.data as never, job, token, signal: opts.signal, log, deps: opts.deps });
    work.catch(() => {}); // observed below, or abandoned when released
    let outcome: { value: unknown } | 'aborted';
    const release = abortedOnce();
    try {
      outcome = await Promise.race([work.then((value) => ({ value })), release.aborted]);
    } catch (e) {
      if (isAppError(e) && e.status < 500) throw new UnrecoverableError(`${e.code}: ${e.detail}`);
      const outage = asUnavailable(e);
      if (outage && token) {
        await job.moveToDelayed(Date.now() + RETRY_AFTER_SECONDS * 1000, token).catch(() => {
          throw e; // Redis is away too: BullMQ's stalled check hands the job on once Redis is back
        });
        log.warn('dependency unavailable: retried later without using an attempt', {
          reason: outage.reason,
          failure: failureSummary(e),
        });
        throw new DelayedError();
      }
      throw e;
    } finally {
      release.stop();
    }
    if (outcome === 'aborted') {
      await job.moveToWait(token);
      log.warn('released to the queue: worker shutting down');
      throw new WaitingError();
    }
    return outcome.value;
  };

  const process = (job: Job, token?: string) => {
    const p = measureJob(byName.has(job.name as JobName) ? job.name : 'unknown', () => run(job, token));
    active.add(p);
    void p.then(
      () => active.delete(p),
      () => active.delete(p),
    );
    return p;
  };

  return { process, settled: async () => void (await Promise.allSettled([...active])) };
}
