import { defineQueue, DAY, MINUTE } from './define-queue';

/** Workflow tasks (DAG steps): GDAL clipping, packaging, ingestion. CPU- and disk-heavy. */
export const tasksQueue = defineQueue({
  name: 'tasks',
  description: 'workflow (DAG) tasks: clipping, packaging, ingestion',
  defaultJobOptions: {
    // Each task declares its own retry policy (dags/_policies.ts); this is the default for those that do not.
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: DAY / 1000, count: 5_000 },
    removeOnFail: { age: (7 * DAY) / 1000 },
  },
  worker: {
    // GDAL work uses a core per task; two tasks per worker process keep both cores busy with I/O overlap.
    concurrency: 2,
    // Long GDAL calls hold the event loop only between blocks; a 5-minute lock with 1-minute checks means a killed
    // worker's task is picked up again within about a minute.
    lockDuration: 5 * MINUTE,
    stalledInterval: MINUTE,
    maxStalledCount: 1,
  },
});
