/** A Redis key prefix of the test file's own (BullMQ queues, heartbeats), with its keys deleted afterwards. */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { env } from '~/server/env.js';

export function useTestRedis() {
  const prefix = `test-${randomBytes(5).toString('hex')}`;
  const redis = createQueueConnection(env.REDIS_URL);
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });
  return { prefix, redis, url: env.REDIS_URL };
}
