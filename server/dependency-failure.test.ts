/**
 * The outage classifier on real failures: a PostgreSQL and a Redis port where nothing listens (refused), a
 * connection the server terminates (57P01-like via pg_terminate_backend), a bounded BullMQ add, and errors that
 * are no outage.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDb } from '~/db/client';
import { createQueues } from '~/server/queue/enqueue';
import { freePort } from '~/test/outage/services';
import { useTestDatabase } from '~/test/db';
import { asUnavailable, failureSummary } from './dependency-failure';
import { AppError } from './errors';
import { createFailFastRedis } from './redis/client';

const t = useTestDatabase();
const caught = (p: Promise<unknown>) =>
  p.then(
    () => new Error('did not fail'),
    (e: unknown) => e,
  );

describe('asUnavailable', () => {
  it('a refused PostgreSQL (drizzle and raw postgres.js) is DATABASE_UNAVAILABLE with Retry-After', async () => {
    const db = createDb(`postgres://u:secret-pw@127.0.0.1:${await freePort()}/x`, { max: 1 });
    for (const e of [await caught(db.execute(sql`select 1`)), await caught(db.$client`select 1`)]) {
      const a = asUnavailable(e);
      expect(a?.status).toBe(503);
      expect(a?.reason).toBe('DATABASE_UNAVAILABLE');
      expect(a?.headers).toEqual({ 'retry-after': '5' });
      expect(failureSummary(e)).toMatch(/ECONNREFUSED/);
      expect(failureSummary(e)).not.toMatch(/secret-pw/);
    }
    await db.$client.end();
  });

  it('a connection the server ends mid-session is DATABASE_UNAVAILABLE', async () => {
    const victim = postgres(t.url, { max: 1, onnotice: () => {} });
    const [row] = await victim<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const sleeping = caught(victim`select pg_sleep(10)`);
    await new Promise((r) => setTimeout(r, 300));
    await t.db.$client`select pg_terminate_backend(${row!.pid}::int)`;
    const e = await sleeping;
    expect(asUnavailable(e)?.reason).toBe('DATABASE_UNAVAILABLE');
    await victim.end({ timeout: 1 });
  });

  it('an unreachable Redis: commands and a bounded enqueue are REDIS_UNAVAILABLE within 2 s', async () => {
    const redis = createFailFastRedis(`redis://127.0.0.1:${await freePort()}`);
    redis.on('error', () => {});
    const t0 = Date.now();
    const e = await caught(redis.get('x'));
    expect(asUnavailable(e)?.reason).toBe('REDIS_UNAVAILABLE');
    const queues = createQueues(redis, 'test-unavailable');
    const enq = await caught(queues.enqueue('maintenance.reconcile-orders', {}));
    expect(asUnavailable(enq)?.reason).toBe('REDIS_UNAVAILABLE');
    expect(Date.now() - t0).toBeLessThan(4_000);
    redis.disconnect();
  });

  it('other errors are no outage', async () => {
    expect(asUnavailable(new AppError('NOT_FOUND', 'x'))).toBeNull();
    expect(asUnavailable(await caught(t.db.execute(sql`select * from no_such_table`)))).toBeNull();
    expect(asUnavailable(new TypeError('x is undefined'))).toBeNull();
  });
});
