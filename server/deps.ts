/**
 * The web process's shared dependencies (database, Redis, queues), created on first use. Route handlers and the
 * tRPC context take them from here; services receive them as arguments and never import this module.
 */
import type { Redis } from 'ioredis';
import { getDb, type Database } from '../db/client';
import { createQueues, type Queues } from '../jobs/enqueue';
import { env } from './env.js';
import { getRedis } from './redis/client';

export type AppDeps = { db: Database; redis: Redis; queues: Queues; queuePrefix: string };

let deps: Promise<AppDeps> | undefined;

export function getAppDeps(): Promise<AppDeps> {
  deps ??= (async () => {
    const [db, redis] = await Promise.all([getDb(), getRedis()]);
    return { db, redis, queues: createQueues(redis, env.QUEUE_PREFIX), queuePrefix: env.QUEUE_PREFIX };
  })();
  return deps;
}
