import { describe, expect, it } from 'vitest';
import { useTestRedis } from '~/test/redis';
import { hitRateLimit, hitRateLimits } from './rate-limit';

const r = useTestRedis();
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
let n = 0;
const key = (name: string) => `${r.prefix}:ratelimit:${name}:${++n}`;

describe('sliding-window rate limit', () => {
  it('allows the limit within any window, refuses the next with a Retry-After within the window', async () => {
    const k = key('test');
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await hitRateLimit(r.redis, k, 3, 60));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect(decisions[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await r.redis.pttl(k)).toBeGreaterThan(55_000);
  });

  it('frees capacity as attempts leave the window', async () => {
    const k = key('short');
    expect((await hitRateLimit(r.redis, k, 1, 1)).allowed).toBe(true);
    expect((await hitRateLimit(r.redis, k, 1, 1)).allowed).toBe(false);
    await sleep(1100);
    expect((await hitRateLimit(r.redis, k, 1, 1)).allowed).toBe(true);
  });

  it('lets a client that obeys Retry-After in on its first retry, even after hammering', async () => {
    const k = key('obedient');
    // Three attempts spread over the window, then a burst of refused ones.
    for (let i = 0; i < 3; i++) {
      expect((await hitRateLimit(r.redis, k, 3, 3)).allowed).toBe(true);
      await sleep(400);
    }
    let refused = await hitRateLimit(r.redis, k, 3, 3);
    for (let i = 0; i < 20; i++) refused = await hitRateLimit(r.redis, k, 3, 3);
    expect(refused.allowed).toBe(false);
    // The first slot frees 3 s after the first attempt (≈ 1.8 s from now): Retry-After rounds that up.
    expect(refused.retryAfterSeconds).toBe(2);
    await sleep(refused.retryAfterSeconds * 1000);
    const retry = await hitRateLimit(r.redis, k, 3, 3);
    expect(retry.allowed).toBe(true);
    // Then the client is told to wait for the next slot, which frees ≈ 0.4 s after the first did.
    const next = await hitRateLimit(r.redis, k, 3, 3);
    expect(next).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1000);
    expect((await hitRateLimit(r.redis, k, 3, 3)).allowed).toBe(true);
    // Only accepted attempts are kept: of the 27 made, those of the last 3 s that were let in.
    expect(await r.redis.zcard(k)).toBe(2);
  });

  it('records an attempt in every limit or in none', async () => {
    const account = key('account');
    const ip = key('ip');
    const both = () =>
      hitRateLimits(r.redis, [
        { key: account, limit: 5, windowSeconds: 60 },
        { key: ip, limit: 2, windowSeconds: 60 },
      ]);
    expect((await both()).allowed).toBe(true);
    expect((await both()).allowed).toBe(true);
    for (let i = 0; i < 5; i++) expect((await both()).allowed).toBe(false);
    // The IP limit refused them, so the account limit still has 3 of its 5.
    expect(await r.redis.zcard(account)).toBe(2);
    const other = await hitRateLimits(r.redis, [{ key: account, limit: 5, windowSeconds: 60 }]);
    expect(other).toMatchObject({ allowed: true, remaining: 2 });
  });
});
