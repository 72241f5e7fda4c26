/** POST /v1/services/order_status/{order_id}/abort: cancels an order in progress (ABORTED); a final one is 409. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST as europe } from '~/app/v1/products/get_product_europe/route';
import { POST as startService } from '~/app/v1/services/[service]/route';
import { POST } from '~/app/v1/services/order_status/[order_id]/abort/route';
import { orderEvents, orders } from '~/db/schema';
import { listenForAirflowCancellations } from '~/jobs/airflow/listen-airflow-cancellations';
import { until } from '~/test/until';
import { useEndpoint } from '~/test/endpoint';
import { HARMONICS_EXAMPLE } from '~/server/services/examples';

const api = useEndpoint({ products: true, airflow: true });

async function order(as: string): Promise<string> {
  const r = await api.call(europe, '/v1/products/get_product_europe', { as, body: { product: 'raster' } });
  expect(r.status, r.text).toBe(202);
  return r.json.order_id;
}

const at = (order_id: string) => ({ path: `/v1/services/order_status/${order_id}/abort`, params: { order_id } });

describe('POST /v1/services/order_status/{order_id}/abort', () => {
  it('aborts the caller’s order: ABORTED in the answer and the table, the event recorded', async () => {
    const id = await order('user');
    const { path, params } = at(id);
    const r = await api.call(POST, path, { as: 'user', method: 'POST', params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ order_id: id, status: 'ABORTED', service: 'get_product_europe' });
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o!.status).toBe('ABORTED');
    expect(o!.stoppedAt).not.toBeNull();
    const events = await api.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
    expect(events.map((e) => e.toStatus)).toContain('ABORTED');

    const again = await api.unchanged(() => api.call(POST, path, { as: 'user', method: 'POST', params }));
    api.expectProblem(again, 409, new RegExp(`^order ${id} is already ABORTED`));
  });

  it('a malformed or unknown id is 404; nothing written', async () => {
    for (const id of ['42', '00000000-0000-4000-8000-000000000000']) {
      const { path, params } = at(id);
      api.expectProblem(
        await api.unchanged(() => api.call(POST, path, { as: 'user', method: 'POST', params })),
        404,
        /^no order/,
      );
    }
  });

  it('another customer’s order is 404 and stays; no token 401', async () => {
    const id = await order('user');
    const { path, params } = at(id);
    for (const as of ['other', 'stranger'])
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as, method: 'POST', params })), 404, /^no order/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { method: 'POST', params })), 401);
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o!.status).not.toBe('ABORTED');
  });

  it('aborts a production service order run by Airflow: ABORTED at once, and the worker is told to fail the DAG run', async () => {
    // The worker's own listener, on this test's Redis: what it enqueues is the airflow.run step that PATCHes the run.
    const listener = await listenForAirflowCancellations(api.redis.redis, api.redis.prefix, {
      db: api.db,
      enqueue: api.deps.queues.enqueue,
    });
    try {
      const body = { ...HARMONICS_EXAMPLE };
      const started = await api.call(startService, '/v1/services/harmonics', {
        as: 'admin',
        body,
        params: { service: 'harmonics' },
      });
      expect(started.status, started.text).toBe(202);
      const id = started.json.order_id as string;
      for (const as of ['user', 'other'])
        api.expectProblem(
          await api.unchanged(() => api.call(POST, at(id).path, { as, method: 'POST', params: at(id).params })),
          404,
        );

      const r = await api.call(POST, at(id).path, { as: 'admin', method: 'POST', params: at(id).params });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ order_id: id, status: 'ABORTED', service: 'harmonics' });
      const job = await until(() => api.deps.queues.get('airflow').getJob(`airflow.${id}.abort`));
      expect(job!.name).toBe('airflow.run');
      expect(job!.data).toEqual({ orderId: id });
    } finally {
      await listener.quit();
    }
  });
});
