import { defineQueue, DAY, MINUTE } from './define-queue';

/** Order dispatch and status events: small, fast jobs on the path of every order. */
export const ordersQueue = defineQueue({
  name: 'orders',
  description: 'order dispatch and status transitions',
  defaultJobOptions: {
    // Dispatch and status writes are idempotent, so retrying a database/Redis hiccup is safe; 8 tries with
    // exponential backoff from 500 ms cover about two minutes of outage before the reconciler takes over.
    attempts: 8,
    backoff: { type: 'exponential', delay: 500 },
    // Keep finished jobs a day for debugging; failed ones a week, so an operator can inspect them after a weekend.
    removeOnComplete: { age: DAY / 1000, count: 10_000 },
    removeOnFail: { age: (7 * DAY) / 1000 },
  },
  worker: {
    // Jobs are I/O-bound database writes: many at once do not compete for the 2 cores.
    concurrency: 16,
    lockDuration: MINUTE,
    stalledInterval: 30_000,
    maxStalledCount: 2,
  },
});
