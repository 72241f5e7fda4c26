import { defineQueue, DAY, MINUTE } from './define-queue';

/** The Airflow bridge: trigger DAG runs, poll their state, cancel them. */
export const airflowQueue = defineQueue({
  name: 'airflow',
  description: 'Airflow bridge: trigger, poll, cancel DAG runs',
  defaultJobOptions: {
    // Airflow's API may be down for a while (upgrades, restarts): 11 retries from 2 s, doubling, span about 68 minutes
    // (2 s × (2¹¹ − 1)); after that the reconciler takes the order up again at its deadline.
    attempts: 12,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: DAY / 1000, count: 5_000 },
    removeOnFail: { age: (7 * DAY) / 1000 },
  },
  worker: { concurrency: 8, lockDuration: MINUTE, stalledInterval: 30_000, maxStalledCount: 2 },
});
