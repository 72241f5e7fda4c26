import { defineQueue, DAY, MINUTE } from './define-queue';

/** Webhook, callback and e-mail deliveries of order events (server/notifications/, the outbox's sender). */
export const notificationsQueue = defineQueue({
  name: 'notifications',
  description: 'webhook, callback and e-mail deliveries',
  defaultJobOptions: {
    // The retries of a delivery are its own (24 h of backoff, server/notifications/retry-schedule.ts: each attempt
    // enqueues the next, delayed); these attempts only cover the database being away during one, and the sweep
    // re-enqueues anything still due after them.
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    // The attempts are recorded in PostgreSQL (GET /v1/webhooks/deliveries); the jobs are not worth keeping.
    removeOnComplete: { age: DAY / 1000, count: 1_000 },
    removeOnFail: { age: (7 * DAY) / 1000 },
  },
  worker: {
    // Waiting on other people's servers (at most 10 s each), not on our cores: many at once.
    concurrency: 32,
    lockDuration: MINUTE,
    stalledInterval: 30_000,
    maxStalledCount: 2,
  },
});
