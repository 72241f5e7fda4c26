/**
 * The Airflow bridge's state flows, for Airflow 2 (v1) and Airflow 3 (v2), against the stateful double whose every
 * request and response is validated against the official specs (test/airflow-double.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, orderTasks, services } from '~/db/schema';
import { clearAirflowTokens } from '~/server/airflow/airflow-request';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { startAirflowDouble, type AirflowDouble } from '~/test/airflow-double';
import { useTestDatabase } from '~/test/db';
import { runAirflowOrder, type AirflowBridgeDeps } from './run-airflow-order';

const t = useTestDatabase();
const KEY = 'test-key-encryption-key-0123456789';

describe.each(['v1', 'v2'] as const)('Airflow bridge, API %s', (v) => {
  let af: AirflowDouble;
  let serviceId: string;
  let deps: AirflowBridgeDeps;
  const dagId = `clc_chain_${v}`;

  beforeAll(async () => {
    af = await startAirflowDouble({ version: v });
    af.state.dags.set(dagId, { paused: false });
    const [s] = await t.db
      .insert(services)
      .values({ name: `airflow_chain_${v}`, title: 'chain', engine: 'airflow', dagId, airflowConnection: `conn-${v}` })
      .returning({ id: services.id });
    serviceId = s!.id;
    clearAirflowTokens();
    deps = {
      db: t.db,
      encryptionKey: KEY,
      envConnections: {
        [`conn-${v}`]: { url: af.url, apiVersion: v, username: af.username, password: af.password, timeoutMs: 2_000 },
      },
    };
  });
  afterAll(async () => {
    expect(af.state.violations).toEqual([]);
    await af.close();
  });

  const newOrder = async (params: Record<string, unknown> = { year: 2021, tile: '32TQM' }) =>
    (await t.db.insert(orders).values({ serviceId, params, deadlineAt: new Date() }).returning({ id: orders.id }))[0]!.id;
  const row = async (id: string) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const step = (id: string) => runAirflowOrder(deps, id);
  const ts = (m: number) => `2026-01-01T00:0${m}:00+00:00`;

  it('triggers with run id = order id and conf = params + order_id, then follows running (progress), success (result, XCom)', async () => {
    const id = await newOrder();
    const first = await step(id);
    expect(first).toMatchObject({ state: 'queued' });
    expect(first.pollInMs).toBeGreaterThan(0);
    expect((await row(id)).status).toBe('QUEUED');
    const run = af.run(dagId, id)!;
    expect(run.conf).toEqual({ year: 2021, tile: '32TQM', order_id: id });

    run.state = 'running';
    run.tasks = [
      { task_id: 'prepare', state: 'success', start_date: ts(0), end_date: ts(1) },
      { task_id: 'compute', state: 'running', start_date: ts(1) },
      { task_id: 'result', state: null },
    ];
    expect(await step(id)).toMatchObject({ state: 'running' });
    expect(await row(id)).toMatchObject({ status: 'RUNNING', progress: 33 });
    const tasks = await t.db.select().from(orderTasks).where(eq(orderTasks.orderId, id)).orderBy(asc(orderTasks.taskId));
    expect(tasks.map((x) => [x.taskId, x.state, x.tryNumber])).toEqual([
      ['compute', 'running', 1],
      ['prepare', 'success', 1],
      ['result', null, 1],
    ]);
    expect(tasks[1]!.endedAt?.toISOString()).toBe('2026-01-01T00:01:00.000Z');

    run.state = 'success';
    run.tasks = run.tasks.map((x) => ({ ...x, state: 'success', end_date: ts(5) }));
    run.xcom = { files: ['s3://bucket/out.tif'] };
    expect(await step(id)).toEqual({ state: 'success', pollInMs: null });
    const done = await row(id);
    expect(done).toMatchObject({ status: 'SUCCESS', progress: 100 });
    expect(done.result).toMatchObject({
      airflow: { dagId, dagRunId: id, state: 'success', tasks: 3 },
      value: { files: ['s3://bucket/out.tif'] },
    });
  });

  it('ends FAILED naming the failed task with the tail of its log', async () => {
    const id = await newOrder();
    await step(id);
    const run = af.run(dagId, id)!;
    run.state = 'failed';
    run.tasks = [
      { task_id: 'prepare', state: 'success' },
      { task_id: 'compute', state: 'failed', try_number: 2, log: 'starting\nreading tile\nValueError: no such band B13' },
      { task_id: 'publish', state: 'upstream_failed' },
    ];
    expect(await step(id)).toEqual({ state: 'failed', pollInMs: null });
    const o = await row(id);
    expect(o.status).toBe('FAILED');
    expect(o.errorCode).toBe('AIRFLOW_TASK_FAILED');
    expect(o.errorMessage).toContain('task compute failed');
    expect(o.errorMessage).toContain('ValueError: no such band B13');
    expect(af.state.requests.some((r) => r.path.includes(`/taskInstances/compute/logs/2`))).toBe(true);
  });

  it('cancel: an ABORTED order sets its DAG run to failed in Airflow and stays ABORTED', async () => {
    const id = await newOrder();
    await step(id);
    af.run(dagId, id)!.state = 'running';
    await step(id);
    await applyOrderEvent({ db: t.db }, { orderId: id, status: 'ABORTED', source: 'user:test' });
    expect(await step(id)).toEqual({ state: 'aborted', pollInMs: null });
    expect(af.run(dagId, id)!.state).toBe('failed');
    expect(af.state.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/dagRuns/${id}`))).toBe(true);
    expect((await row(id)).status).toBe('ABORTED');
  });

  it('a replayed trigger (409) carries on with the existing run', async () => {
    const id = await newOrder();
    // Triggered by an earlier attempt whose result was lost: the run exists but the bridge did not see it.
    af.state.runs.set(`${dagId}/${id}`, { dag_id: dagId, dag_run_id: id, state: 'queued', conf: {}, tasks: [] });
    const before = af.state.requests.length;
    const { triggerDagRun } = await import('~/server/airflow/trigger-dag-run');
    expect(await triggerDagRun({ name: 'x', ...deps.envConnections[`conn-${v}`]! }, { dagId, orderId: id, params: {} })).toEqual({
      triggered: true,
      replay: true,
    });
    expect(af.state.requests.length).toBe(before + (v === 'v2' && af.state.tokensIssued === 0 ? 2 : 1));
    expect(await step(id)).toMatchObject({ state: 'queued' });
    expect((await row(id)).status).toBe('QUEUED');
  });

  it('a paused DAG and an unknown DAG end the order FAILED with that reason', async () => {
    af.state.dags.set(dagId, { paused: true });
    const paused = await newOrder();
    expect(await step(paused)).toEqual({ state: 'failed', pollInMs: null });
    expect(await row(paused)).toMatchObject({
      status: 'FAILED',
      errorCode: 'AIRFLOW_DAG',
      errorMessage: `the Airflow DAG ${dagId} is paused`,
    });
    af.state.dags.set(dagId, { paused: false });

    const [s] = await t.db
      .insert(services)
      .values({
        name: `airflow_gone_${v}`,
        title: 'gone',
        engine: 'airflow',
        dagId: 'no_such_dag',
        airflowConnection: `conn-${v}`,
      })
      .returning({ id: services.id });
    const [o] = await t.db.insert(orders).values({ serviceId: s!.id, params: {} }).returning({ id: orders.id });
    await step(o!.id);
    expect(await row(o!.id)).toMatchObject({ status: 'FAILED', errorMessage: 'the Airflow DAG no_such_dag does not exist' });
  });

  it('Airflow down: the order stays QUEUED with a visible reason, the job is retried; back up: it carries on', async () => {
    const id = await newOrder();
    af.state.down = true;
    await expect(step(id)).rejects.toThrow(/unreachable/);
    expect((await row(id)).status).toBe('QUEUED');
    const notes = await t.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.toStatus, 'QUEUED')));
    expect(notes.some((n) => n.message?.startsWith('waiting for Airflow'))).toBe(true);
    expect(notes.map((n) => n.message).join('\n')).not.toContain(af.password);
    af.state.down = false;
    expect(await step(id)).toMatchObject({ state: 'queued' });
    expect(af.run(dagId, id)).toBeDefined();
  });

  it(
    v === 'v1' ? 'authenticates with Basic auth' : 'authenticates with a JWT from /auth/token, cached, renewed after a 401',
    async () => {
      const id = await newOrder();
      const issued = af.state.tokensIssued;
      await step(id);
      await step(id);
      const mine = af.state.requests.filter((r) => r.path.includes(id));
      if (v === 'v1') {
        const basic = `Basic ${Buffer.from(`${af.username}:${af.password}`).toString('base64')}`;
        expect(mine.every((r) => r.authorization === basic)).toBe(true);
      } else {
        expect(mine.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
        expect(af.state.tokensIssued).toBe(issued); // cached across calls and steps
        af.revokeTokens();
        await step(id);
        expect(af.state.tokensIssued).toBe(issued + 1);
      }
    },
  );

  it(`wrong credentials (${v === 'v1' ? 'Basic auth answered 401' : 'POST /auth/token answered 401'}): FAILED at once naming the connection, not retried`, async () => {
    const wrong = await newOrder();
    clearAirflowTokens();
    const bad = { ...deps, envConnections: { [`conn-${v}`]: { ...deps.envConnections[`conn-${v}`]!, password: 'wrong-pw' } } };
    const before = af.state.requests.length;
    // Resolved, not thrown: the processor enqueues no next step and BullMQ has nothing to retry.
    expect(await runAirflowOrder(bad, wrong)).toEqual({ state: 'failed', pollInMs: null });
    const o = await row(wrong);
    expect(o).toMatchObject({ status: 'FAILED', errorCode: 'AIRFLOW_CREDENTIALS' });
    expect(o.errorMessage).toBe(
      `Airflow connection "conn-${v}": credentials refused (HTTP 401${v === 'v2' ? ' on POST /auth/token' : ''})`,
    );
    const seen = af.state.requests.slice(before);
    expect(seen.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      v === 'v1' ? `GET /api/v1/dags/${dagId}/dagRuns/${wrong}` : 'POST /auth/token',
    ]);
    expect(af.run(dagId, wrong)).toBeUndefined();
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, wrong));
    expect(JSON.stringify([o, events])).not.toContain('wrong-pw');
    // A later step (a doubled job, the reconciler) leaves the final order alone.
    expect(await runAirflowOrder(bad, wrong)).toEqual({ state: 'failed', pollInMs: null });
    expect(af.state.requests.length).toBe(before + 1);
  });

  it('a 403 (the user lacks a permission) on a running order ends it FAILED the same way', async () => {
    const id = await newOrder();
    await step(id);
    expect((await row(id)).status).toBe('QUEUED');
    // The double answers 401 for unknown credentials; a 403 comes from a stub connection on the same order.
    const { createServer } = await import('node:http');
    const stub = createServer((_req, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"detail":"Forbidden"}'),
    );
    await new Promise<void>((ok) => stub.listen(0, '127.0.0.1', ok));
    try {
      const port = (stub.address() as { port: number }).port;
      const forbidden = {
        ...deps,
        envConnections: {
          [`conn-${v}`]: { ...deps.envConnections[`conn-${v}`]!, apiVersion: 'v1' as const, url: `http://127.0.0.1:${port}` },
        },
      };
      expect(await runAirflowOrder(forbidden, id)).toEqual({ state: 'failed', pollInMs: null });
    } finally {
      await new Promise<void>((ok) => stub.close(() => ok()));
    }
    expect(await row(id)).toMatchObject({
      status: 'FAILED',
      errorCode: 'AIRFLOW_CREDENTIALS',
      errorMessage: `Airflow connection "conn-${v}": credentials refused (HTTP 403)`,
    });
  });
});
