/**
 * Queue administration on real Redis (BullMQ) and PostgreSQL: counts, pause and resume (a paused queue keeps its
 * jobs waiting while a worker runs), retry of failed jobs, clean of old failed jobs, each audited; unknown queues
 * and actions refused; Redis's status.
 */
import { Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { actOnQueue, queueAction } from './act-on-queue';
import { listQueues, queueView } from './list-queues';
import { redisStatus } from './redis-status';

const t = useTestDatabase();
const r = useTestRedis();
let queues: Queues;
const actor = { type: 'client' as const, id: 'admin-client' };
const deps = () => ({ db: t.db, redis: r.redis, queues, queuePrefix: r.prefix });

beforeAll(() => {
  queues = createQueues(r.redis, r.prefix);
});

describe('queue administration', () => {
  it('lists every queue with counts; pause holds jobs, resume lets them run; failed jobs retried and cleaned; all audited', async () => {
    expect((await listQueues(deps())).map((q) => q.name)).toEqual([
      'orders',
      'tasks',
      'logs',
      'maintenance',
      'airflow',
      'notifications',
    ]);
    const paused = await actOnQueue(deps(), actor, 'maintenance', queueAction.parse({ action: 'pause' }));
    expect(paused.queue.paused).toBe(true);
    let attempts = 0;
    const worker = new Worker(
      'maintenance',
      async () => {
        attempts++;
        throw new Error('broken on purpose');
      },
      { connection: r.redis.duplicate({ maxRetriesPerRequest: null }), prefix: r.prefix },
    );
    try {
      for (let i = 0; i < 3; i++) await queues.enqueue('maintenance.purge-expired', {}, { jobId: `p${i}`, attempts: 1 });
      await new Promise((res) => setTimeout(res, 500));
      expect(attempts).toBe(0);
      expect((await queueView(deps(), 'maintenance')).counts.waiting).toBe(3);
      await actOnQueue(deps(), actor, 'maintenance', queueAction.parse({ action: 'resume' }));
      await until(async () => (await queueView(deps(), 'maintenance')).counts.failed === 3);
      expect(attempts).toBe(3);
      await worker.pause();
      const retried = await actOnQueue(deps(), actor, 'maintenance', queueAction.parse({ action: 'retry' }));
      expect(retried.affected).toBe(3);
      expect(retried.queue.counts.failed).toBe(0);
      void worker.resume();
      await until(async () => (await queueView(deps(), 'maintenance')).counts.failed === 3);
      expect(attempts).toBe(6);
      const young = await actOnQueue(
        deps(),
        actor,
        'maintenance',
        queueAction.parse({ action: 'clean', state: 'failed', older_than_seconds: 3600 }),
      );
      expect(young.affected).toBe(0);
      const all = await actOnQueue(
        deps(),
        actor,
        'maintenance',
        queueAction.parse({ action: 'clean', state: 'failed', older_than_seconds: 0 }),
      );
      expect(all.affected).toBe(3);
      expect(all.queue.counts.failed).toBe(0);
    } finally {
      await worker.close();
    }
    const audit = await t.db.execute<{ action: string; details: { affected: number } }>(
      sql`select action, details from audit_log where target_type = 'queue' and target_id = 'maintenance' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['queue.pause', 'queue.resume', 'queue.retry', 'queue.clean', 'queue.clean']);
    expect(audit.map((a) => a.details.affected)).toEqual([0, 0, 3, 0, 3]);
  });

  it('refuses unknown queues and actions, naming them', async () => {
    await expect(actOnQueue(deps(), actor, 'rabbit', queueAction.parse({ action: 'pause' }))).rejects.toThrow(
      /^queue: there is no queue rabbit/,
    );
    expect(queueAction.safeParse({ action: 'purge' }).success).toBe(false);
    expect(
      JSON.stringify(queueAction.safeParse({ action: 'clean', state: 'active', older_than_seconds: 1 }).error!.issues),
    ).toMatch(/completed or failed/);
    expect(queueAction.safeParse({ action: 'pause', extra: 1 }).success).toBe(false);
  });

  it("reports Redis's status", async () => {
    const s = await redisStatus(r.redis);
    expect(s).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+/) });
    expect(s.used_memory_bytes).toBeGreaterThan(0);
  });
});
