/** The BullMQ queues (what replaced the reference's RabbitMQ, R1/R5): job counts by state, paused or not, workers. */
import { QUEUE_NAMES, QUEUES, type QueueName } from '~/server/queue/queues';
import type { QueueAdminDeps } from './queue-admin-deps';

export type QueueView = {
  name: QueueName;
  description: string;
  paused: boolean;
  workers: number;
  /** Jobs by state; `waiting` holds those a paused queue keeps. */
  counts: {
    waiting: number;
    active: number;
    delayed: number;
    prioritized: number;
    failed: number;
    completed: number;
  };
};

export async function queueView(deps: QueueAdminDeps, name: QueueName): Promise<QueueView> {
  const q = deps.queues.get(name);
  const [c, paused, workers] = await Promise.all([
    q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
    q.isPaused(),
    q.getWorkersCount(),
  ]);
  return {
    name,
    description: QUEUES[name].description,
    paused,
    workers,
    counts: {
      waiting: c.waiting ?? 0,
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      prioritized: c.prioritized ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    },
  };
}

export const listQueues = (deps: QueueAdminDeps) => Promise.all(QUEUE_NAMES.map((n) => queueView(deps, n)));
