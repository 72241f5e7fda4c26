import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../../test/redis';
import { hitRateLimit } from './rate-limit';

const r = useTestRedis();

describe('sliding-window rate limit', () => {
  it('allows the limit within any window, refuses the next with a Retry-After within the window', async () => {
    const key = `${r.prefix}:ratelimit:test`;
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await hitRateLimit(r.redis, key, 3, 60));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect(decisions[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await r.redis.pttl(key)).toBeGreaterThan(55_000);
  });

  it('frees capacity as attempts leave the window', async () => {
    const key = `${r.prefix}:ratelimit:short`;
    expect((await hitRateLimit(r.redis, key, 1, 1)).allowed).toBe(true);
    expect((await hitRateLimit(r.redis, key, 1, 1)).allowed).toBe(false);
    await new Promise((res) => setTimeout(res, 1100));
    expect((await hitRateLimit(r.redis, key, 1, 1)).allowed).toBe(true);
  });
});
