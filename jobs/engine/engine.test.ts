/**
 * The embedded engine end to end on real Redis (BullMQ workers in this process) and PostgreSQL: a DAG with a
 * fan-out runs in order, reports progress and ends SUCCESS with its results; a replayed dispatch adds nothing;
 * a failing task ends the order FAILED with its reason and still runs the teardown; bad parameters are INVALID.
 */
import { type Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderEvents, orders, services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import { defineDag, type Dag } from '~/dags/define-dag';
import { jobIdOf } from '~/dags/plan-flow';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { startTestWorkers } from '~/test/workers';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { listenForCancellations } from './cancellation';
import { dispatchDag } from './dispatch-dag';
import type { EngineDeps } from './engine-deps';
import { createQueues } from '~/server/queue/enqueue';

const t = useTestDatabase();
const r = useTestRedis();
const queues = createQueues(r.redis, r.prefix);
const torndown: string[] = [];

const sum = defineDag({
  id: 'sum_squares',
  version: 1,
  description: 'squares a list of numbers in parallel and adds them up',
  params: z.object({ n: z.number().int().min(1).max(50), fail: z.boolean().default(false) }),
  retry: { attempts: 2, backoffMs: 10, timeoutMs: 10_000 },
  tasks: {
    list: { run: async ({ params }) => Array.from({ length: params.n }, (_, i) => i + 1) },
    square: { needs: ['list'], fanOut: (inputs) => inputs.list as number[], run: async (_c, item) => (item as number) ** 2 },
    total: {
      needs: ['square'],
      run: async ({ inputs, params }) => {
        if (params.fail) throw new Error('the disk is full');
        return (inputs.square as number[]).reduce((a, b) => a + b, 0);
      },
    },
  },
  teardown: { run: async ({ orderId }) => void torndown.push(orderId) },
});

// A DAG whose first task waits: past its timeout (ignoring its signal), or until it is cancelled (watching it).
const events: string[] = [];
const slow = defineDag({
  id: 'slow',
  version: 1,
  description: 'waits',
  params: z.object({ mode: z.enum(['timeout', 'cancel']) }),
  retry: { attempts: 1, backoffMs: 10, timeoutMs: 10_000 },
  tasks: {
    wait: {
      retry: { attempts: 1, backoffMs: 10, timeoutMs: 1500 },
      run: async ({ params, signal, orderId }) => {
        if (params.mode === 'timeout') return new Promise((r) => setTimeout(r, 5000));
        while (!signal.aborted) await new Promise((r) => setTimeout(r, 10));
        events.push(`aborted ${orderId}: ${(signal.reason as Error).message}`);
        signal.throwIfAborted();
      },
    },
    after: { needs: ['wait'], run: async ({ orderId }) => void events.push(`after ${orderId}`) },
  },
  teardown: { run: async ({ orderId }) => void events.push(`teardown ${orderId}`) },
});

let worker: Worker;
let deps: EngineDeps;
let serviceId: string;

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  serviceId = (await t.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product')))[0]!.id;
  deps = {
    db: t.db,
    redis: r.redis,
    queuePrefix: r.prefix,
    tasksQueue: queues.get('tasks'),
    dags: { sum_squares: sum as unknown as Dag, slow: slow as unknown as Dag },
  };
  // The worker's own job runner and processors, with this test's DAGs.
  [worker] = startTestWorkers({ db: t.db, redis: r.redis, prefix: r.prefix, queues, dags: deps.dags, on: { tasks: 4 } }) as [
    Worker,
  ];
});
afterAll(async () => {
  await worker.close();
  await queues.close();
});

const orderRow = async (id: string) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const newOrder = async (params: Record<string, unknown>) =>
  (await t.db.insert(orders).values({ serviceId, params }).returning({ id: orders.id }))[0]!.id;

describe('embedded engine', () => {
  it('runs a DAG with a fan-out to SUCCESS with its results, progress and events', async () => {
    const id = await newOrder({ n: 12 });
    await dispatchDag(deps, id, 'sum_squares');
    const done = await until(async () => {
      const o = await orderRow(id);
      return o.status === 'SUCCESS' && o;
    });
    expect(done.result).toMatchObject({ list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], total: 650 });
    expect((done.result as { square: number[] }).square).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144]);
    expect(done.progress).toBe(100);
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(orderEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['QUEUED', 'RUNNING', 'SUCCESS']);
    expect(torndown).toContain(id);
  });

  it('a replayed dispatch adds no job and changes nothing', async () => {
    const id = await newOrder({ n: 3 });
    await dispatchDag(deps, id, 'sum_squares');
    await until(async () => (await orderRow(id)).status === 'SUCCESS');
    // SUCCESS is recorded inside the teardown job, just before that job completes: wait for it before counting.
    await until(async () => (await queues.get('tasks').getJob(jobIdOf(id, 'teardown')))?.isCompleted());
    const before = await queues.get('tasks').getJobCounts('completed');
    await dispatchDag(deps, id, 'sum_squares');
    await new Promise((res) => setTimeout(res, 300));
    expect(await queues.get('tasks').getJobCounts('completed')).toEqual(before);
    expect((await orderRow(id)).status).toBe('SUCCESS');
  });

  it('a task that keeps failing ends the order FAILED with its reason, and the teardown still runs', async () => {
    const id = await newOrder({ n: 2, fail: true });
    await dispatchDag(deps, id, 'sum_squares');
    const o = await until(async () => {
      const row = await orderRow(id);
      return row.status === 'FAILED' && row;
    });
    expect(o.errorMessage).toBe('total: the disk is full');
    await until(async () => torndown.includes(id));
  });

  it('parameters that do not match the DAG make the order INVALID at dispatch', async () => {
    const id = await newOrder({ n: 'many' });
    expect(await dispatchDag(deps, id, 'sum_squares')).toEqual({ invalid: 'n: Invalid input: expected number, received string' });
    expect(await orderRow(id)).toMatchObject({ status: 'INVALID', errorCode: 'INVALID_PARAMETERS' });
  });

  it('a workflow this worker does not have ends the order INVALID with the reason, not waiting for ever', async () => {
    const id = await newOrder({ n: 3 });
    await expect(dispatchDag(deps, id, 'not_installed')).rejects.toThrow(/no workflow not_installed/);
    expect(await orderRow(id)).toMatchObject({ status: 'INVALID', errorCode: 'UNKNOWN_WORKFLOW' });
  });

  it('a task past its timeout fails the order with the reason, even when it ignores its signal', async () => {
    const id = await newOrder({ mode: 'timeout' });
    await dispatchDag(deps, id, 'slow');
    const o = await until(async () => {
      const row = await orderRow(id);
      return row.status === 'FAILED' && row;
    }, 10_000);
    expect(o.errorMessage).toBe('wait: wait took longer than its 1.5 s timeout');
    await until(async () => events.includes(`teardown ${id}`));
    expect(events).not.toContain(`after ${id}`);
  });

  it('cancelling an order aborts its running task; the next task does nothing; the teardown runs', async () => {
    const listener = await listenForCancellations(r.redis, r.prefix);
    try {
      const id = await newOrder({ mode: 'cancel' });
      await dispatchDag(deps, id, 'slow');
      await until(async () => (await orderRow(id)).status === 'RUNNING');
      await new Promise((res) => setTimeout(res, 200));
      const t0 = Date.now();
      await applyOrderEvent(
        { db: t.db, redis: r.redis, channelPrefix: r.prefix },
        { orderId: id, status: 'ABORTED', source: 'test' },
      );
      await until(async () => events.includes(`aborted ${id}: the order was cancelled`), 5_000);
      expect(Date.now() - t0).toBeLessThan(3000); // the task itself never ends unless aborted
      await until(async () => events.includes(`teardown ${id}`), 5_000);
      expect(events).not.toContain(`after ${id}`);
      expect(await orderRow(id)).toMatchObject({ status: 'ABORTED' });
    } finally {
      await listener.quit();
    }
  });

  it('cancelling a queued order removes its tasks that have not started; only the teardown runs', async () => {
    const tasks = queues.get('tasks');
    await tasks.pause(); // nothing is taken from the queue meanwhile
    // The worker's listener removes them when it hears the ABORTED change (the web only records it).
    const listener = await listenForCancellations(r.redis, r.prefix, { tasksQueue: tasks });
    try {
      const id = await newOrder({ mode: 'cancel' });
      await dispatchDag(deps, id, 'slow');
      expect(['waiting', 'paused']).toContain(await (await tasks.getJob(`${id}.wait`))!.getState());
      await applyOrderEvent(
        { db: t.db, redis: r.redis, channelPrefix: r.prefix },
        { orderId: id, status: 'ABORTED', source: 'test' },
      );
      await until(async () => !(await tasks.getJob(`${id}.wait`)) && !(await tasks.getJob(`${id}.after`)), 5_000);
      expect(['waiting', 'paused']).toContain(await (await tasks.getJob(`${id}.teardown`))!.getState());
      await tasks.resume();
      await until(async () => events.includes(`teardown ${id}`), 5_000);
      expect(events.filter((e) => e.includes(id))).toEqual([`teardown ${id}`]);
      expect(await orderRow(id)).toMatchObject({ status: 'ABORTED' });
    } finally {
      await listener.quit();
      await tasks.resume();
    }
  });
});
