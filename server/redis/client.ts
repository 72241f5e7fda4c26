/**
 * Redis connections. BullMQ needs `maxRetriesPerRequest: null` on connections used by workers (blocking commands);
 * request-path code uses a connection that fails fast instead of queueing commands while Redis is down.
 */
import { Redis, type RedisOptions } from 'ioredis';

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { lazyConnect: false, enableAutoPipelining: false, ...options });
}

/** For BullMQ queues and workers. */
export const createQueueConnection = (url: string) =>
  createRedis(url, { maxRetriesPerRequest: null, connectionName: 'clcplus-bullmq' });

/**
 * For request paths (health checks, rate limits, enqueueing from the web): a command waits for the connection
 * while it (re)connects, but fails within a second when Redis is away instead of hanging the request.
 */
export const createFailFastRedis = (url: string) =>
  createRedis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectionName: 'clcplus-web',
  });

let shared: Redis | undefined;

/** The process-wide fail-fast connection. */
export async function getRedis(): Promise<Redis> {
  if (!shared) {
    const { env } = await import('../env.js');
    shared = createFailFastRedis(env.REDIS_URL);
    shared.on('error', () => {}); // reported through health checks, not as unhandled events
  }
  return shared;
}

/** Deletes every key under `<prefix>:` (a deployment's or a test run's queues and heartbeats). */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
