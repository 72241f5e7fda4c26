/**
 * Fixed-window rate limits in Redis: `hit(key, limit, windowSeconds)` counts one attempt and says whether it is
 * allowed, and if not, when to retry. Counters expire with their window; all web instances share them. Keys are
 * given with the deployment's prefix (QUEUE_PREFIX), so deployments and test runs sharing a Redis do not mix.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../errors';

export type RateDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export async function hitRateLimit(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
  const window = Math.floor(Date.now() / 1000 / windowSeconds);
  const k = `${key}:${window}`;
  const results = await redis
    .multi()
    .incr(k)
    .expire(k, windowSeconds + 1)
    .exec();
  const count = Number(results?.[0]?.[1] ?? 0);
  const elapsed = Math.floor(Date.now() / 1000) % windowSeconds;
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, windowSeconds - elapsed),
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
