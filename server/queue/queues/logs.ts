import { defineQueue, HOUR } from './define-queue';

/** The log sink: log records from web, worker and DAG tasks → the logs table. */
export const logsQueue = defineQueue({
  name: 'logs',
  description: 'log records to the logs table',
  defaultJobOptions: {
    // Inserting a log row only fails while the database is away: retry for about a minute, then keep the failed job
    // (with its record) so nothing is silently lost.
    attempts: 6,
    backoff: { type: 'exponential', delay: 1_000 },
    // Written logs live in PostgreSQL; the jobs themselves are not worth keeping.
    removeOnComplete: true,
    removeOnFail: { age: (24 * HOUR) / 1000 },
  },
  worker: { concurrency: 8, lockDuration: 30_000, stalledInterval: 30_000, maxStalledCount: 3 },
});
