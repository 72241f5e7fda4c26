/** R6 re-imagined: the Redis server behind the queues (version, uptime, memory, clients, round trip). */
import type { Redis } from 'ioredis';

export type RedisStatus = {
  ok: boolean;
  version: string | null;
  uptime_seconds: number | null;
  used_memory_bytes: number | null;
  maxmemory_bytes: number | null;
  connected_clients: number | null;
  latency_ms: number;
  detail: string;
};

export async function redisStatus(redis: Redis): Promise<RedisStatus> {
  const t0 = performance.now();
  try {
    const info = await redis.info();
    const field = (k: string) => new RegExp(`^${k}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? null;
    const num = (k: string) => (field(k) === null ? null : Number(field(k)));
    return {
      ok: true,
      version: field('redis_version'),
      uptime_seconds: num('uptime_in_seconds'),
      used_memory_bytes: num('used_memory'),
      maxmemory_bytes: num('maxmemory'),
      connected_clients: num('connected_clients'),
      latency_ms: Math.round((performance.now() - t0) * 100) / 100,
      detail: 'Redis answers',
    };
  } catch (e) {
    return {
      ok: false,
      version: null,
      uptime_seconds: null,
      used_memory_bytes: null,
      maxmemory_bytes: null,
      connected_clients: null,
      latency_ms: Math.round(performance.now() - t0),
      detail: `Redis does not answer: ${(e as Error).message}`,
    };
  }
}
