/** The worker's own job runner and processors in the test process, on BullMQ Workers for the given queues. */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { Dag, DagServices } from '~/dags/define-dag';
import type { Queues } from '~/server/queue/enqueue';
import { PROCESSORS } from '~/jobs/processors';
import type { QueueName } from '~/server/queue/queues';
import { createJobRunner } from '~/jobs/run-job';
import { createLogger } from '~/server/logging/logger';

export function startTestWorkers(o: {
  db: Database;
  redis: Redis;
  prefix: string;
  queues: Queues;
  dags: Record<string, Dag>;
  dagServices?: DagServices;
  on: Partial<Record<QueueName, number>>;
}): Worker[] {
  const runner = createJobRunner({
    processors: PROCESSORS,
    deps: {
      db: o.db,
      redis: o.redis,
      queuePrefix: o.prefix,
      queues: o.queues,
      now: () => new Date(),
      logRetentionDays: 90,
      auth: { encryptionKey: 'k'.repeat(40), tokenTtlSeconds: 3600, rotationDays: 30 },
      dags: o.dags,
      dagServices: o.dagServices,
    },
    log: createLogger('test'),
    signal: new AbortController().signal,
  });
  return Object.entries(o.on).map(
    ([queue, concurrency]) => new Worker(queue, runner.process, { connection: o.redis, prefix: o.prefix, concurrency }),
  );
}
