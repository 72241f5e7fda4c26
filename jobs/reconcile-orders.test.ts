import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import { jobIdOf } from '~/dags/plan-flow';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { createQueues } from '~/server/queue/enqueue';
import { reconcileOrders } from './reconcile-orders';

const t = useTestDatabase();
const r = useTestRedis();
const queues = createQueues(r.redis, r.prefix);
let serviceId: string;
const now = new Date();
const past = new Date(now.getTime() - 60_000);

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  serviceId = (await t.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product')))[0]!.id;
});
afterAll(() => queues.close());

const newOrder = async (status: 'RECEIVED' | 'QUEUED' | 'RUNNING') => {
  const [o] = await t.db
    .insert(orders)
    .values({
      serviceId,
      params: {},
      status,
      deadlineAt: past,
      receivedAt: new Date(past.getTime() - 60_000),
      ...(status !== 'RECEIVED' ? { queuedAt: past } : {}),
      ...(status === 'RUNNING' ? { startedAt: past } : {}),
    })
    .returning({ id: orders.id });
  return o!.id;
};
const row = async (id: string) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const reconcile = () =>
  reconcileOrders({ db: t.db, tasksQueue: queues.get('tasks'), enqueue: queues.enqueue, now, graceMs: 300_000 });

describe('reconciler', () => {
  it('re-dispatches an order whose run is missing, resolves one whose run ended, extends one still working', async () => {
    const lost = await newOrder('RECEIVED');
    const ended = await newOrder('QUEUED');
    const working = await newOrder('RUNNING');
    const fresh = (
      await t.db
        .insert(orders)
        .values({ serviceId, params: {}, deadlineAt: new Date(now.getTime() + 60_000) })
        .returning()
    )[0]!.id;

    // The run of `ended` failed for good; the run of `working` is waiting.
    const tasks = new Queue('tasks', { connection: r.redis, prefix: r.prefix });
    await tasks.add('dag.task', { orderId: ended }, { jobId: jobIdOf(ended, 'teardown'), attempts: 1 });
    const w = new Worker(
      'tasks',
      async () => {
        throw new UnrecoverableError('the disk is full');
      },
      { connection: r.redis, prefix: r.prefix },
    );
    await until(async () => (await tasks.getJob(jobIdOf(ended, 'teardown')))?.isFailed());
    await w.close();
    await tasks.add('dag.task', { orderId: working }, { jobId: jobIdOf(working, 'teardown') });

    expect(await reconcile()).toEqual({ checked: 3, redispatched: 1, extended: 1, failed: 1, airflow: 0 });
    expect(await row(ended)).toMatchObject({
      status: 'FAILED',
      errorCode: 'RECONCILED',
      errorMessage: 'resolved by the reconciler: the disk is full',
    });
    expect((await row(working)).deadlineAt!.getTime()).toBe(now.getTime() + 300_000);
    expect((await row(lost)).deadlineAt!.getTime()).toBe(now.getTime() + 300_000);
    const dispatches = await queues.get('orders').getJobs(['waiting']);
    expect(dispatches.map((j) => [j.name, j.data])).toEqual([['dag.dispatch', { orderId: lost, dagId: 'get_product' }]]);
    expect((await row(fresh)).status).toBe('RECEIVED');

    // Nothing left to do right after.
    expect(await reconcile()).toEqual({ checked: 0, redispatched: 0, extended: 0, failed: 0, airflow: 0 });
    await tasks.close();
  });
  it('re-enqueues airflow.run for an open Airflow order past its deadline (its bridge chain died), deadline extended', async () => {
    const [s] = await t.db
      .insert(services)
      .values({ name: 'airflow_reconciled', title: 'x', engine: 'airflow', dagId: 'clc_chain' })
      .returning({ id: services.id });
    const [o] = await t.db
      .insert(orders)
      .values({
        serviceId: s!.id,
        params: {},
        status: 'QUEUED',
        queuedAt: past,
        receivedAt: new Date(past.getTime() - 60_000),
        deadlineAt: past,
      })
      .returning({ id: orders.id });
    expect(await reconcile()).toEqual({ checked: 1, redispatched: 0, extended: 0, failed: 0, airflow: 1 });
    const jobs = await queues.get('airflow').getJobs(['waiting']);
    expect(jobs.map((j) => [j.name, j.data])).toEqual([['airflow.run', { orderId: o!.id }]]);
    expect((await row(o!.id)).deadlineAt!.getTime()).toBe(now.getTime() + 300_000);
  });
});
