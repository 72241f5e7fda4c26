import type { JobsOptions, WorkerOptions } from 'bullmq';

/** One BullMQ queue's policy, declared once: job defaults (attempts, backoff, retention) and worker settings. */
export type QueueConfig<Name extends string = string> = {
  name: Name;
  description: string;
  defaultJobOptions: JobsOptions;
  worker: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;
};

export const defineQueue = <const Name extends string>(config: QueueConfig<Name>) => Object.freeze(config);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
