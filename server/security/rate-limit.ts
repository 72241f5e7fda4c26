/**
 * Sliding-window rate limits in Redis. Each key holds the *accepted* attempts of its last window (a sorted set by
 * time), so a limit holds over any window-long period (a fixed window would allow twice the limit across its
 * boundary). The check and the record are one Lua script, atomic over all the keys of a request:
 * - an attempt is recorded only when every limit has room (a refused attempt counts nowhere, so a client that waits
 *   as told is let in, and an attempt refused by one limit does not use up another's);
 * - `Retry-After` is the exact time until the attempt that fills the limit leaves the window, rounded up to a second;
 * - time is Redis's own clock (`TIME`), so every web instance sees the same windows whatever its clock says.
 * Keys are given with the deployment's prefix (QUEUE_PREFIX), so deployments and test runs sharing a Redis do not mix.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors';
import { countRateLimitRefusal } from '../metrics/security';

export type RateLimit = { key: string; limit: number; windowSeconds: number };
export type RateDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

// KEYS: the limits' keys. ARGV: a unique member suffix, then (limit, window in ms) per key.
// Returns { allowed (1/0), ms until a slot frees (refused) or 0, remaining after this attempt (allowed) }.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait, remaining = 0, -1
for i, key in ipairs(KEYS) do
  local limit, window = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local filling = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local frees = tonumber(filling[2]) + window - now
    if frees > wait then wait = frees end
  elseif remaining < 0 or limit - count - 1 < remaining then
    remaining = limit - count - 1
  end
end
if wait > 0 then return {0, wait, 0} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, now .. '-' .. ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]))
end
return {1, 0, remaining}
`;

/** Checks all the limits at once and records the attempt in each only when all of them allow it. */
export async function hitRateLimits(redis: Redis, limits: RateLimit[]): Promise<RateDecision> {
  if (limits.length === 0) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
  const args = limits.flatMap((l) => [String(l.limit), String(Math.round(l.windowSeconds * 1000))]);
  const [allowed, waitMs, remaining] = (await redis.eval(
    SCRIPT,
    limits.length,
    ...limits.map((l) => l.key),
    randomBytes(6).toString('hex'),
    ...args,
  )) as [number, number, number];
  if (allowed !== 1) countRateLimitRefusal(limits.map((l) => l.key));
  return { allowed: allowed === 1, remaining, retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** One limit: records one attempt if it is allowed, else says when to retry. */
export const hitRateLimit = (redis: Redis, key: string, limit: number, windowSeconds: number) =>
  hitRateLimits(redis, [{ key, limit, windowSeconds }]);

/** Throws 429 with Retry-After when any of the limits has no room (and then records the attempt nowhere). */
export async function enforceRateLimits(redis: Redis, limits: RateLimit[]): Promise<void> {
  const d = await hitRateLimits(redis, limits);
  if (!d.allowed) {
    throw new AppError('RATE_LIMITED', `too many requests; retry in ${d.retryAfterSeconds} s`, {
      headers: { 'retry-after': String(d.retryAfterSeconds) },
    });
  }
}
