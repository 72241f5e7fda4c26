/**
 * The `airflow` queue end to end in the worker's runner: an order enqueued as `airflow.run` is triggered, polled by
 * delayed follow-up jobs until Airflow says success, over a connection from the admin table (password sealed).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airflowConnections, orders, services } from '~/db/schema';
import { saveAirflowConnection } from '~/server/airflow/save-connection';
import { createQueues } from '~/server/queue/enqueue';
import { startAirflowDouble, type AirflowDouble } from '~/test/airflow-double';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { listenForAirflowCancellations } from '../airflow/listen-airflow-cancellations';
import { startTestWorkers } from '~/test/workers';

const t = useTestDatabase();
const r = useTestRedis();
const queues = createQueues(r.redis, r.prefix);
let af: AirflowDouble;
let workers: ReturnType<typeof startTestWorkers>;
let subscriber: Awaited<ReturnType<typeof listenForAirflowCancellations>>;

beforeAll(async () => {
  af = await startAirflowDouble({ version: 'v2' });
  af.state.dags.set('clc_chain', { paused: false });
  // The test workers' KEY_ENCRYPTION_KEY (test/workers.ts).
  await saveAirflowConnection(
    { db: t.db, encryptionKey: 'k'.repeat(40) },
    { name: 'lab', url: af.url, apiVersion: 'v2', username: af.username, password: af.password },
  );
  subscriber = await listenForAirflowCancellations(r.redis, r.prefix, { db: t.db, enqueue: queues.enqueue });
  workers = startTestWorkers({ db: t.db, redis: r.redis, prefix: r.prefix, queues, dags: {}, on: { airflow: 2, orders: 1 } });
});
afterAll(async () => {
  await subscriber.quit();
  await Promise.all(workers.map((w) => w.close()));
  await queues.close();
  expect(af.state.violations).toEqual([]);
  await af.close();
});

describe('airflow queue', () => {
  it('stores the password sealed, triggers, polls with delayed jobs and ends SUCCESS', async () => {
    const [row] = await t.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'lab'));
    expect(row!.passwordSealed).not.toContain(af.password);
    const [s] = await t.db
      .insert(services)
      .values({ name: 'airflow_queue_test', title: 'x', engine: 'airflow', dagId: 'clc_chain', airflowConnection: 'lab' })
      .returning({ id: services.id });
    const [o] = await t.db
      .insert(orders)
      .values({ serviceId: s!.id, params: { year: 2021 } })
      .returning({ id: orders.id });
    const id = o!.id;
    await queues.enqueue('airflow.run', { orderId: id }, { jobId: `airflow.${id}` });
    await until(async () => af.run('clc_chain', id) !== undefined);
    const run = af.run('clc_chain', id)!;
    run.state = 'running';
    run.tasks = [{ task_id: 'a', state: 'running' }];
    await until(async () => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status === 'RUNNING', 15_000);
    run.state = 'success';
    run.tasks = [{ task_id: 'a', state: 'success' }];
    await until(async () => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status === 'SUCCESS', 15_000);
    expect(await queues.get('airflow').getDelayedCount()).toBe(0);
  }, 40_000);

  it('abort: the DAG run is set to failed in Airflow at once, the order stays ABORTED', async () => {
    const [s] = await t.db
      .insert(services)
      .values({ name: 'airflow_queue_abort', title: 'x', engine: 'airflow', dagId: 'clc_chain', airflowConnection: 'lab' })
      .returning({ id: services.id });
    const [o] = await t.db.insert(orders).values({ serviceId: s!.id, params: {} }).returning({ id: orders.id });
    const id = o!.id;
    await queues.enqueue('airflow.run', { orderId: id }, { jobId: `airflow.${id}` });
    await until(async () => af.run('clc_chain', id) !== undefined);
    af.run('clc_chain', id)!.state = 'running';
    await until(async () => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status === 'RUNNING', 15_000);
    await applyOrderEvent(
      { db: t.db, redis: r.redis, channelPrefix: r.prefix },
      { orderId: id, status: 'ABORTED', source: 'user:test' },
    );
    // At once (the abort job), not at the next poll.
    await until(async () => af.run('clc_chain', id)!.state === 'failed', 3_000);
    expect((await t.db.select().from(orders).where(eq(orders.id, id)))[0]!.status).toBe('ABORTED');
  }, 40_000);
});
