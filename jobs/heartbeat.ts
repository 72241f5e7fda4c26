/**
 * Worker presence in Redis: each worker process refreshes `<prefix>:worker:<id>` every few seconds with a short
 * TTL, so the console lists live workers and a dead one disappears on its own.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const HEARTBEAT_INTERVAL_MS = 5_000;
const TTL_SECONDS = 15;

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
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeat>;

const key = (prefix: string, id: string) => `${prefix}:worker:${id}`;

export async function writeHeartbeat(redis: Redis, prefix: string, hb: WorkerHeartbeat): Promise<void> {
  await redis.set(key(prefix, hb.id), JSON.stringify(hb), 'EX', TTL_SECONDS);
}

export async function removeHeartbeat(redis: Redis, prefix: string, id: string): Promise<void> {
  await redis.del(key(prefix, id));
}

export async function listHeartbeats(redis: Redis, prefix: string): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:worker:*`, 'COUNT', 100);
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
