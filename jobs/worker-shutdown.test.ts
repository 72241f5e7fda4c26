/**
 * Graceful shutdown with a job in flight. A log write is held up by a table lock taken in this test, so the job is
 * really running (blocked in PostgreSQL) when the worker gets SIGTERM.
 */
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { logs } from '~/db/schema';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { spawnTsx } from '~/test/spawn';
import { createQueues } from '~/server/queue/enqueue';

const t = useTestDatabase();
const r = useTestRedis();
const queues = createQueues(r.redis, r.prefix);
afterAll(() => queues.close());

const startWorker = (timeoutMs: number) =>
  spawnTsx('jobs/worker.ts', {
    DATABASE_URL: t.url,
    QUEUE_PREFIX: r.prefix,
    WORKER_HEALTH_PORT: '0',
    WORKER_SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
    LOG_JSON: 'false',
  });

/** Holds an exclusive lock on the logs table until `release()`. */
async function lockLogs() {
  const sql = postgres(t.url, { max: 1, onnotice: () => {} });
  const conn = await sql.reserve();
  await conn`begin`;
  await conn`lock table logs in access exclusive mode`;
  return async () => {
    await conn`commit`;
    conn.release();
    await sql.end();
  };
}

const rowsOf = (service: string) => t.db.select().from(logs).where(eq(logs.service, service));

describe('worker shutdown', () => {
  it('lets a running job finish before exiting', async () => {
    const w = startWorker(10_000);
    await w.waitFor(/ready:/);
    const release = await lockLogs();
    await queues.enqueue('logs.write', { records: [{ level: 'INFO', service: 'finish-test', message: 'm' }] });
    await until(async () => (await queues.get('logs').getActiveCount()) === 1);

    w.child.kill('SIGTERM');
    await w.waitFor(/SIGTERM: stopping/);
    await new Promise((res) => setTimeout(res, 500));
    expect(w.child.exitCode).toBeNull(); // still waiting for its job
    await release();

    expect((await w.exited).code).toBe(0);
    expect(w.output()).toMatch(/stopped \(drained\)/);
    expect(await rowsOf('finish-test')).toHaveLength(1);
  });

  it('releases a job still running at the deadline; the next worker runs it once', async () => {
    const w = startWorker(800);
    await w.waitFor(/ready:/);
    const release = await lockLogs();
    const id = await queues.enqueue('logs.write', { records: [{ level: 'INFO', service: 'release-test', message: 'm' }] });
    await until(async () => (await queues.get('logs').getActiveCount()) === 1);

    const t0 = Date.now();
    w.child.kill('SIGTERM');
    expect((await w.exited).code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(w.output()).toMatch(/deadline reached/);
    const job = await queues.get('logs').getJob(id);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);

    await release();
    const next = startWorker(5_000);
    await until(async () => (await rowsOf('release-test')).length === 1);
    next.child.kill('SIGTERM');
    await next.exited;
    expect(await rowsOf('release-test')).toHaveLength(1);
  });
});
