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
    // The worker overrides it with WORKER_TASK_CONCURRENCY (default 8): small orders mostly wait on the database and
    // the disk, and heavy GDAL work inside a task waits for one of WORKER_CPU_SLOTS (server/geo/cpu-slots.ts).
    concurrency: 8,
    // GDAL calls run off the event loop (gdal-async), so the lock is renewed every half lockDuration even during
    // long work; a killed worker's task is picked up again within lockDuration + stalledInterval (about 90 s).
    // WORKER_TASK_LOCK_MS overrides both (tests use a few seconds).
    lockDuration: MINUTE,
    stalledInterval: 30_000,
    maxStalledCount: 1,
  },
});
