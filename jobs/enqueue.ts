/**
 * Typed, validated enqueueing shared by web and worker: `enqueue('logs.write', payload, { jobId })`.
 * A payload that does not match its schema is refused here, before it reaches Redis.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppError } from '../server/errors';
import { QUEUES, type QueueName } from './queues';
import { JOBS, type JobName, type JobPayload } from './registry';

export type Enqueue = <N extends JobName>(name: N, payload: JobPayload<N>, opts?: JobsOptions) => Promise<string>;

export type Queues = {
  get: (name: QueueName) => Queue;
  enqueue: Enqueue;
  close: () => Promise<void>;
};

export function createQueues(connection: Redis, prefix: string): Queues {
  const open = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let q = open.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: QUEUES[name].defaultJobOptions });
      open.set(name, q);
    }
    return q;
  };
  const enqueue: Enqueue = async (name, payload, opts) => {
    const spec = JOBS[name];
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION',
        `job ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const job = await get(spec.queue).add(name, parsed.data, opts);
    return job.id ?? '';
  };
  return {
    get,
    enqueue,
    close: async () => {
      await Promise.all([...open.values()].map((q) => q.close()));
      open.clear();
    },
  };
}
