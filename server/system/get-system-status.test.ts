/**
 * The console's system status on a real database and Redis: workers and their GDAL build come from the heartbeats
 * (the web process never loads GDAL; the worker reports it), and the modules the web loads do not load gdal-async.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { getSystemStatus } from './get-system-status';
import { heartbeatKey, type WorkerHeartbeat } from './worker-heartbeat';

const t = useTestDatabase();
const r = useTestRedis();
// BullMQ queues under the test's prefix (the typed enqueue of jobs/ is not needed to count jobs).
const open = new Map<string, Queue>();
const queues: Parameters<typeof getSystemStatus>[0]['queues'] = {
  get: (name) => open.get(name) ?? open.set(name, new Queue(name, { connection: r.redis, prefix: r.prefix })).get(name)!,
  enqueue: () => Promise.reject(new Error('not used')),
  close: async () => void (await Promise.all([...open.values()].map((q) => q.close()))),
};
afterAll(() => queues.close());

const beat = (id: string, startedAt: string, gdal?: WorkerHeartbeat['gdal']): WorkerHeartbeat => ({
  id,
  host: 'test',
  pid: 1,
  queues: ['orders'],
  startedAt,
  seenAt: new Date().toISOString(),
  jobsDone: 0,
  jobsFailed: 0,
  running: 1,
  gdal,
});

/** Whether importing `modules` in a fresh Node process (tsx, as the web runs) loads gdal-async. */
function loadsGdal(modules: string[]): boolean {
  const script = `
    import { createRequire } from 'node:module';
    for (const m of ${JSON.stringify(modules)}) await import(m);
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(cache.some((k) => k.includes('/node_modules/gdal-async/'))));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as boolean;
}

describe('getSystemStatus', () => {
  it('without a worker: not ok, and no GDAL build to show', async () => {
    const s = await getSystemStatus({ db: t.db, redis: r.redis, queues, queuePrefix: r.prefix });
    expect(s.dependencies.postgresql.ok).toBe(true);
    expect(s.workers).toEqual([]);
    expect(s.ok).toBe(false);
    expect(s.gdal).toBeNull();
  });

  it('shows the GDAL build the oldest worker reports in its heartbeat', async () => {
    const gdal = { version: '3.6.2', drivers: { GTiff: true, COG: true, netCDF: true, HDF5: true, GPKG: true } };
    // An older worker without the field (a rolling deploy) is listed, and the build comes from the one that has it.
    await r.redis.set(heartbeatKey(r.prefix, 'w-old'), JSON.stringify(beat('w-old', '2026-01-01T00:00:00Z')), 'EX', 60);
    await r.redis.set(heartbeatKey(r.prefix, 'w-new'), JSON.stringify(beat('w-new', '2026-01-02T00:00:00Z', gdal)), 'EX', 60);
    const s = await getSystemStatus({ db: t.db, redis: r.redis, queues, queuePrefix: r.prefix });
    expect(s.workers.map((w) => w.id)).toEqual(['w-old', 'w-new']);
    expect(s.ok).toBe(true);
    expect(s.gdal).toEqual(gdal);
  });

  it('the modules the web process loads (tRPC, REST orders, deps) do not load gdal-async; the GDAL adapter does', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const web = ['server/trpc/root.ts', 'server/http/order-routes.ts', 'server/http/with-api-client.ts', 'server/deps.ts'];
    expect(loadsGdal(web.map((m) => root + m))).toBe(false);
    expect(loadsGdal([root + 'server/geo/gdal.ts'])).toBe(true);
  });
});
