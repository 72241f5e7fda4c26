/** What the queue administration operations use, and the queue name check they share (an unknown queue is a 404). */
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { Queues } from '~/server/queue/enqueue';
import { QUEUE_NAMES, type QueueName } from '~/server/queue/queues';
import { AppError } from '../errors';

export type QueueAdminDeps = { db: Database; redis: Redis; queues: Queues; queuePrefix: string };

export function queueNamed(name: string): QueueName {
  if (!(QUEUE_NAMES as string[]).includes(name))
    throw new AppError('NOT_FOUND', `queue: there is no queue ${name} (queues: ${QUEUE_NAMES.join(', ')})`, {
      reason: 'UNKNOWN_QUEUE',
    });
  return name as QueueName;
}
