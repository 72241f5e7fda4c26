import { z } from 'zod';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { Queues } from '~/server/queue/enqueue';
import { QUEUE_NAMES, QUEUES } from '~/server/queue/queues';
import { checkReadiness } from './check-readiness';
import { gdalBuild, listHeartbeats, workerHeartbeat } from './worker-heartbeat';

const dependency = z.object({ ok: z.boolean(), latencyMs: z.number(), detail: z.string() });

export const systemStatus = z.object({
  ok: z.boolean(),
  checkedAt: z.date(),
  dependencies: z.object({ postgresql: dependency, postgis: dependency, redis: dependency }),
  workers: z.array(workerHeartbeat),
  queues: z
    .array(
      z.object({
        name: z.string(),
        description: z.string(),
        waiting: z.number(),
        active: z.number(),
        delayed: z.number(),
        failed: z.number(),
        completed: z.number(),
      }),
    )
    .nullable(),
  /** The GDAL build of the oldest live worker (GDAL runs only in workers); null when none reports it. */
  gdal: gdalBuild.nullable(),
});
export type SystemStatus = z.infer<typeof systemStatus>;

/** Live status of the system for the console: dependencies, workers (heartbeats), queue depths, and GDAL as the workers report it. */
export async function getSystemStatus(deps: {
  db: Database;
  redis: Redis;
  queues: Queues;
  queuePrefix: string;
}): Promise<SystemStatus> {
  const readiness = await checkReadiness(deps);
  const redisUp = readiness.checks.redis.ok;
  const [workers, queues] = await Promise.all([
    redisUp ? listHeartbeats(deps.redis, deps.queuePrefix).catch(() => []) : [],
    redisUp
      ? Promise.all(
          QUEUE_NAMES.map(async (name) => {
            const c = await deps.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
            return {
              name,
              description: QUEUES[name].description,
              waiting: c.waiting ?? 0,
              active: c.active ?? 0,
              delayed: c.delayed ?? 0,
              failed: c.failed ?? 0,
              completed: c.completed ?? 0,
            };
          }),
        ).catch(() => null)
      : null,
  ]);
  return {
    ok: readiness.ok && workers.length > 0,
    checkedAt: new Date(),
    dependencies: readiness.checks,
    workers,
    queues,
    gdal: workers.find((w) => w.gdal)?.gdal ?? null,
  };
}
