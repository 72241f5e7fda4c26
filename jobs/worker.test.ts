/**
 * The real worker process against real Redis (BullMQ) and PostgreSQL: health, the log sink end to end, payload
 * validation without retries, heartbeats, schedules, and a graceful stop.
 */
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logs, orders, services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { spawnTsx, type Spawned } from '~/test/spawn';
import { createQueues } from '~/server/queue/enqueue';
import { listHeartbeats } from '~/server/system/worker-heartbeat';

const t = useTestDatabase();
const r = useTestRedis();
let worker: Spawned;
let health: string;
const queues = createQueues(r.redis, r.prefix);

beforeAll(async () => {
  worker = spawnTsx('jobs/worker.ts', {
    DATABASE_URL: t.url,
    QUEUE_PREFIX: r.prefix,
    WORKER_HEALTH_PORT: '0',
    WORKER_SHUTDOWN_TIMEOUT_MS: '5000',
    LOG_JSON: 'false',
  });
  const [, url] = await worker.waitFor(/health on (http:\/\/\S+)\/healthz/);
  health = url!;
});

afterAll(async () => {
  worker.child.kill('SIGKILL');
  await queues.close();
});

describe('worker', () => {
  it('is healthy and ready', async () => {
    const h = await fetch(`${health}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({
      status: 'ok',
      queues: ['orders', 'tasks', 'airflow', 'logs', 'maintenance', 'notifications'],
    });
    const ready = await fetch(`${health}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ postgresql: { ok: true }, postgis: { ok: true }, redis: { ok: true } });
  });

  it('announces itself with a heartbeat', async () => {
    const beats = await listHeartbeats(r.redis, r.prefix);
    expect(beats).toHaveLength(1);
    expect(beats[0]!.pid).toBe(worker.child.pid);
    // The worker reports its GDAL build: the console shows it without the web process loading GDAL.
    expect(beats[0]!.gdal).toMatchObject({
      version: expect.stringMatching(/^3\.\d+/),
      drivers: { GTiff: true, COG: true, netCDF: true },
    });
  });

  it('schedules housekeeping once, however often it starts', async () => {
    const schedulers = await queues.get('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern]).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
      ['maintenance.expire-packages', '23 * * * *'],
      ['maintenance.purge-expired', '17 * * * *'],
      ['maintenance.reconcile-orders', '* * * * *'],
      ['maintenance.rotate-signing-key', '7 3 * * *'],
      ['maintenance.sweep-notifications', '* * * * *'],
    ]);
  });

  it('writes log records sent to the log sink into the logs table', async () => {
    const orderless = { level: 'INFO' as const, service: 'worker-test', message: 'hello from the test' };
    await queues.enqueue('logs.write', {
      records: [orderless, { level: 'ERROR', service: 'worker-test', message: 'with context', context: { password: 'x', n: 1 } }],
    });
    const rows = await until(async () => {
      const rows = await t.db.select().from(logs).where(eq(logs.service, 'worker-test')).orderBy(logs.id);
      return rows.length === 2 && rows;
    });
    expect(rows.map((row) => [row.level, row.message])).toEqual([
      ['INFO', 'hello from the test'],
      ['ERROR', 'with context'],
    ]);
    expect(rows[1]!.context).toEqual({ password: '[redacted]', n: 1 });
  });

  it('refuses a bad payload before Redis (enqueue) and without retries (worker)', async () => {
    await expect(
      // @ts-expect-error: deliberately wrong payload
      queues.enqueue('logs.write', { records: [{ level: 'LOUD', service: 's', message: 'm' }] }),
    ).rejects.toThrow(/records\.0\.level/);

    // Bypass the typed enqueue, as a foreign producer might.
    const raw = new Queue('logs', { connection: r.redis, prefix: r.prefix });
    const job = await raw.add('logs.write', { records: 'nope' }, { attempts: 5 });
    const failed = await until(async () => {
      const j = await raw.getJob(job.id!);
      return (await j?.isFailed()) && j;
    });
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^invalid payload for logs.write:\n✖ .+\n {2}→ at records/);
    await raw.close();
  });

  it('applies order events (the status manager) and drops a late replay for a finished order', async () => {
    await seedDatabase(t.db, { adminEmail: 'a@example.org' });
    const [svc] = await t.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product'));
    const [o] = await t.db.insert(orders).values({ serviceId: svc!.id, params: {} }).returning({ id: orders.id });
    const id = o!.id;
    for (const status of ['QUEUED', 'ABORTED'] as const) {
      await queues.enqueue('orders.event', { orderId: id, status, source: 'worker-test' });
      await until(async () => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status === status);
    }
    const late = await queues.get('orders').add('orders.event', { orderId: id, status: 'RUNNING', source: 'worker-test' });
    const done = await until(async () => {
      const j = await queues.get('orders').getJob(late.id!);
      return (await j?.isCompleted()) && j;
    });
    expect(done.returnvalue).toEqual({ dropped: true });
    expect((await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status).toBe('ABORTED');
  });

  it('stops gracefully on SIGTERM: exits 0 and leaves no heartbeat', async () => {
    const t0 = Date.now();
    worker.child.kill('SIGTERM');
    const { code } = await worker.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(worker.output()).toMatch(/stopped \(drained\)/);
    expect(await listHeartbeats(r.redis, r.prefix)).toEqual([]);
  });
});
