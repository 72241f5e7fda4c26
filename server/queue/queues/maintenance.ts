import { defineQueue, DAY, MINUTE } from './define-queue';

/** Scheduled housekeeping: reconcile stuck orders, expire packages, purge expired token records and old logs. */
export const maintenanceQueue = defineQueue({
  name: 'maintenance',
  description: 'scheduled housekeeping (reconciler, retention, purges)',
  defaultJobOptions: {
    // The next scheduled run repeats the work anyway; two attempts only cover a transient error.
    attempts: 2,
    backoff: { type: 'fixed', delay: 10_000 },
    removeOnComplete: { age: DAY / 1000, count: 500 },
    removeOnFail: { age: (7 * DAY) / 1000 },
  },
  // One at a time: housekeeping jobs touch the same rows and must not race each other.
  worker: { concurrency: 1, lockDuration: 5 * MINUTE, stalledInterval: MINUTE, maxStalledCount: 1 },
});
