/** What the embedded engine works with, and how a processor's (the worker's) deps give it. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { Dag, DagServices } from '~/dags/define-dag';
import type { Enqueue } from '~/server/queue/enqueue';

export type EngineDeps = {
  db: Database;
  redis: Redis;
  queuePrefix: string;
  tasksQueue: Queue;
  dags: Record<string, Dag>;
  /** Given to tasks (database, store, results storage…); absent in engine tests whose DAGs do not need them. */
  services?: DagServices;
  now?: () => Date;
  /** Hands the notifications of a status change to their sender (absent: the sweep sends them). */
  enqueue?: Enqueue;
};

/** The engine's deps from a processor's (the worker's) deps. */
export const engineDepsOf = (d: {
  db: Database;
  redis: Redis;
  queuePrefix: string;
  queues: { get: (name: 'tasks') => Queue; enqueue?: Enqueue };
  dags: Record<string, Dag>;
  dagServices?: DagServices;
}): EngineDeps => ({
  db: d.db,
  redis: d.redis,
  queuePrefix: d.queuePrefix,
  tasksQueue: d.queues.get('tasks'),
  dags: d.dags,
  services: d.dagServices,
  enqueue: d.queues.enqueue,
});

/** The services of a worker started without them (engine tests): any use says so. */
export const NO_SERVICES = new Proxy({} as DagServices, {
  get: (_t, name) => {
    throw new Error(`this worker was started without DAG services (asked for ${String(name)})`);
  },
});
