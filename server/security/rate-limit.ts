/**
 * Sliding-window rate limits in Redis: `hit(key, limit, windowSeconds)` records one attempt and says whether it is
 * allowed, and if not, when to retry. Each key holds the attempts of the last window (a sorted set by time), so the
 * limit holds over any window-long period (a fixed window would allow twice the limit across its boundary). All web
 * instances share the counters. Keys are given with the deployment's prefix (QUEUE_PREFIX), so deployments and test
 * runs sharing a Redis do not mix.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors';

export type RateDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export async function hitRateLimit(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  const results = await redis
    .multi()
    .zremrangebyscore(key, '-inf', String(now - windowMs))
    .zadd(key, now, `${now}-${randomBytes(4).toString('hex')}`)
    .zcard(key)
    .zrange(key, '0', '0', 'WITHSCORES')
    .pexpire(key, windowMs)
    .exec();
  const count = Number(results?.[2]?.[1] ?? 0);
  const oldest = Number((results?.[3]?.[1] as string[] | undefined)?.[1] ?? now);
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
  };
}

/** Throws 429 with Retry-After when any of the limits is exceeded. */
export async function enforceRateLimits(
  redis: Redis,
  limits: { key: string; limit: number; windowSeconds: number }[],
): Promise<void> {
  for (const l of limits) {
    const d = await hitRateLimit(redis, l.key, l.limit, l.windowSeconds);
    if (!d.allowed) {
      throw new AppError('RATE_LIMITED', `too many requests; retry in ${d.retryAfterSeconds} s`, {
        headers: { 'retry-after': String(d.retryAfterSeconds) },
      });
    }
  }
}
