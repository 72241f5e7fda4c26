/**
 * Typed, validated enqueueing shared by web and worker (the contracts: job-contracts.ts): `enqueue('logs.write', payload, { jobId })`.
 * A payload that does not match its schema is refused here, before it reaches Redis. An add that Redis does not
 * confirm within ENQUEUE_TIMEOUT_MS fails as REDIS_UNAVAILABLE: BullMQ waits for a lost connection forever.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { unavailable } from '~/server/dependency-failure';
import { AppError, describeZodIssues } from '~/server/errors';
import { QUEUES, type QueueName } from './queues';
import { JOB_CONTRACTS, type JobName, type JobPayload } from './job-contracts';

/** Far above a healthy add (a few ms), well below the 5 s a request may take while Redis is down. */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/** `p`, or REDIS_UNAVAILABLE after `ms` (the late result, if any, is dropped: job ids make a retry idempotent). */
function redisWithin<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable('redis', new Error(`Redis is unavailable: no answer within ${ms} ms`))), ms);
  });
  p.catch(() => {}); // a late rejection after the timeout is not unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

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
      // Connection errors surface in the command that meets them (an add fails as REDIS_UNAVAILABLE) and in
      // /readyz; without a listener BullMQ prints every one with its stack.
      q.on('error', () => {});
      open.set(name, q);
    }
    return q;
  };
  const enqueue: Enqueue = async (name, payload, opts) => {
    const spec = JOB_CONTRACTS[name];
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      throw new AppError('VALIDATION', `job ${name}: ${describeZodIssues(parsed.error.issues, '(payload)')}`);
    }
    const job = await redisWithin(get(spec.queue).add(name, parsed.data, opts), ENQUEUE_TIMEOUT_MS);
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
