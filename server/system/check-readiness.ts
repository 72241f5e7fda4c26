import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';

export type DependencyCheck = { ok: boolean; latencyMs: number; detail: string };
export type Readiness = {
  ok: boolean;
  checks: { postgresql: DependencyCheck; postgis: DependencyCheck; redis: DependencyCheck };
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function probe(what: string, ms: number, fn: () => Promise<string>): Promise<DependencyCheck> {
  const t0 = performance.now();
  try {
    const detail = await withTimeout(fn(), ms, what);
    return { ok: true, latencyMs: Math.round(performance.now() - t0), detail };
  } catch (e) {
    // The message names the failure (refused, timeout, missing extension), never a connection string.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, latencyMs: Math.round(performance.now() - t0), detail: message.replace(/\w+:\/\/\S+/g, '<url>') };
  }
}

/** Whether PostgreSQL, its PostGIS extension and Redis answer; each check bounded by `timeoutMs`. */
export async function checkReadiness(deps: { db: Database; redis: Redis }, timeoutMs = 2000): Promise<Readiness> {
  const sql = deps.db.$client;
  const [postgresql, postgis, redis] = await Promise.all([
    probe('PostgreSQL', timeoutMs, async () => {
      const [r] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
      return `PostgreSQL ${r?.v ?? '?'}`;
    }),
    probe('PostGIS', timeoutMs, async () => {
      const [r] = await sql<{ v: string }[]>`select postgis_lib_version() as v`;
      return `PostGIS ${r?.v ?? '?'}`;
    }),
    probe('Redis', timeoutMs, async () => {
      const info = await deps.redis.info('server');
      return `Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}`;
    }),
  ]);
  return { ok: postgresql.ok && postgis.ok && redis.ok, checks: { postgresql, postgis, redis } };
}
