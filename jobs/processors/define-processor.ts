import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { Dag, DagServices } from '~/dags/define-dag';
import type { Logger } from '~/server/logging/logger';
import type { Queues } from '~/server/queue/enqueue';
import type { JobName, JobPayload } from '../registry';

/** What every processor gets besides its payload. */
export type ProcessorDeps = {
  db: Database;
  /** For publishing (pub/sub); the BullMQ connection. */
  redis: Redis;
  queuePrefix: string;
  queues: Queues;
  now: () => Date;
  logRetentionDays: number;
  auth: { encryptionKey: string; tokenTtlSeconds: number; rotationDays: number };
  /** The workflows this worker can run, and what their tasks use. */
  dags: Record<string, Dag>;
  dagServices?: DagServices;
};

export type ProcessorContext<N extends JobName> = {
  payload: JobPayload<N>;
  job: Job;
  /** The worker's lock token of the job (for moving it, e.g. to wait for children). */
  token?: string;
  /** Aborted when the worker must stop before the job finishes; long work checks it between blocks. */
  signal: AbortSignal;
  log: Logger;
  deps: ProcessorDeps;
};

export type Processor<N extends JobName = JobName> = {
  job: N;
  run: (ctx: ProcessorContext<N>) => Promise<unknown>;
};

export const defineProcessor = <N extends JobName>(p: Processor<N>): Processor<N> => p;
