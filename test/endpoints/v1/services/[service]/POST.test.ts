/** POST /v1/services/{service}: starts a production service (here harmonics): 202, one order, queued for Airflow. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/services/[service]/route';
import { airflowConnections, orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { HARMONICS_EXAMPLE } from '~/server/services/examples';

const api = useEndpoint({ units: true });
const at = (service: string) => ({ path: `/v1/services/${service}`, params: { service } });
const harmonics = HARMONICS_EXAMPLE;

beforeAll(async () => {
  await api.client('producer', ['harmonics']);
  await api.client('qc', ['product_qc']);
});

describe('POST /v1/services/{service}', () => {
  it('product_qc for two units: 202 with one order per unit, each RECEIVED with its parameters and dispatch queued', async () => {
    const me = api.clients.qc!;
    const { path, params } = at('product_qc');
    const r = await api.call(POST, path, {
      as: 'qc',
      params,
      body: { processing_unit_name: '10kmE476N278, 10kmE477N278', product: 'raster', reference_year: 2021 },
    });
    expect(r.status, r.text).toBe(202);
    expect(r.json.message).toBe('Your 2 orders have been successfully submitted, one per unit');
    expect(r.json.orders.map((o: { unit: string }) => o.unit)).toEqual(['10kmE476N278', '10kmE477N278']);
    for (const { order_id: id, links } of r.json.orders) {
      expect(links).toEqual({ href: `/v1/services/order_status/${id}`, rel: 'services', type: 'GET' });
      const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
      expect(o).toMatchObject({ apiClientId: me.id, params: { product: 'raster', reference_year: 2021 } });
      expect(o!.productionUnitId).not.toBeNull();
      expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
      const job = await api.deps.queues.get('orders').getJob(`dispatch.${id}`);
      expect(job).toMatchObject({ name: 'dag.dispatch', data: { orderId: id, dagId: 'product_qc' } });
    }
  });

  it('harmonics without an Airflow connection is refused with 503 before anything is written', async () => {
    const { path, params } = at('harmonics');
    const r = await api.unchanged(() => api.call(POST, path, { as: 'producer', params, body: harmonics }));
    api.expectProblem(r, 503, /^harmonics runs on Airflow, and no Airflow connection "default" is configured/);
  });

  it('harmonics with its Airflow connection: 202, the order RECEIVED with its parameters, the Airflow run queued', async () => {
    await api.db
      .insert(airflowConnections)
      .values({ name: 'default', url: 'https://93.184.215.14/airflow', apiVersion: 'v2', username: 'u', passwordSealed: 'x' });
    const me = api.clients.producer!;
    const { path, params } = at('harmonics');
    const r = await api.call(POST, path, {
      as: 'producer',
      params,
      body: { ...harmonics, service_name: 'harmonics', user_id: me.clientId },
    });
    expect(r.status, r.text).toBe(202);
    const id = r.json.order_id;
    expect(r.json).toEqual({
      message: 'Your order has been successfully submitted',
      order_id: id,
      links: { href: `/v1/services/order_status/${id}`, rel: 'services', type: 'GET' },
    });
    expect(r.headers.get('location')).toMatch(new RegExp(`/v1/services/order_status/${id}$`));
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ apiClientId: me.id, params: harmonics });
    expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
    const job = await api.deps.queues.get('airflow').getJob(`airflow.${id}`);
    expect(job).toMatchObject({ name: 'airflow.run', data: { orderId: id } });
  });

  it('bad input: 400 naming the field, an unknown service 404; nothing written', async () => {
    const cases = [
      ['harmonics', { ...harmonics, tile_id: '33UXI' }, 400, /^tile_id: a Sentinel-2 tile id/],
      ['harmonics', { ...harmonics, end_date: '2021-02-30' }, 400, /^end_date: not a calendar date/],
      ['harmonics', { ...harmonics, resolution: 15 }, 400, /^resolution: 10 or 20/],
      ['harmonics', { ...harmonics, band: 'PURPLE' }, 400, /^band: one of B01, /],
      ['harmonics', { ...harmonics, colour: 'red' }, 400, /colour/],
      ['harmonics', { tile_id: '33UXP' }, 400, /start_date: /],
      ['harmonics', { ...harmonics, service_name: 'retransformation' }, 400, /^service_name: this is the harmonics service/],
      ['harmonics', [1, 2], 400, /^\(body\): a JSON object/],
      ['no_such_service', harmonics, 404, /^service: there is no service "no_such_service"/],
    ] as const;
    for (const [service, body, status, detail] of cases) {
      const { path, params } = at(service);
      const r = await api.unchanged(() => api.call(POST, path, { as: 'producer', params, body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('another customer’s user_id is 403, a token without the scope 403, no token 401; nothing written', async () => {
    const { path, params } = at('harmonics');
    api.expectProblem(
      await api.unchanged(() =>
        api.call(POST, path, { as: 'producer', params, body: { ...harmonics, user_id: api.clients.other!.clientId } }),
      ),
      403,
      /^user_id: orders are always your own/,
    );
    for (const as of ['reader', 'stranger'])
      api.expectProblem(
        await api.unchanged(() => api.call(POST, path, { as, params, body: harmonics })),
        403,
        /admin, harmonics/,
      );
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { params, body: harmonics })), 401);
  });
});
