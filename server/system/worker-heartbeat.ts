/**
 * Worker presence in Redis, the contract between the worker (which writes it, jobs/heartbeat.ts) and the web (which
 * reads it for the console): each worker process refreshes `<prefix>:worker:<id>` every few seconds with a short TTL,
 * so the console lists live workers and a dead one disappears on its own. The worker also reports its GDAL build
 * here: the web process never loads GDAL itself.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TTL_SECONDS = 15;

export const gdalBuild = z.object({ version: z.string(), drivers: z.record(z.string(), z.boolean()) });
export type GdalBuild = z.infer<typeof gdalBuild>;

export const workerHeartbeat = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number(),
  queues: z.array(z.string()),
  startedAt: z.string(),
  seenAt: z.string(),
  jobsDone: z.number(),
  jobsFailed: z.number(),
  running: z.number(),
  // Optional: a worker of an older release (during a rolling deploy) does not send them.
  gdal: gdalBuild.optional(),
  /** The embedded workflows (DAG ids) this worker runs: the web refuses a service no live worker can run. */
  dags: z.array(z.string()).optional(),
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeat>;

export const heartbeatKey = (prefix: string, id: string) => `${prefix}:worker:${id}`;

/** The live workers' heartbeats, oldest worker first (malformed entries are skipped). */
export async function listHeartbeats(redis: Redis, prefix: string): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', heartbeatKey(prefix, '*'), 'COUNT', 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values
    .map((v) => (v ? workerHeartbeat.safeParse(JSON.parse(v)) : null))
    .filter((r) => r?.success)
    .map((r) => r!.data!)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
