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
    // GDAL calls run off the event loop (gdal-async), so the lock is renewed every half lockDuration even during
    // long work; a killed worker's task is picked up again within lockDuration + stalledInterval (about 90 s).
    // WORKER_TASK_LOCK_MS overrides both (tests use a few seconds).
    lockDuration: MINUTE,
    stalledInterval: 30_000,
    maxStalledCount: 1,
  },
});
