/** POST /v1/products/get_product_europe: an order for the whole of Europe, accepted (202) and queued. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/products/get_product_europe/route';
import { orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ products: true });

const path = '/v1/products/get_product_europe';

describe('POST /v1/products/get_product_europe', () => {
  it('accepts the order: 202 without an area, the order stored for the product, its dispatch queued', async () => {
    const me = api.clients.user!;
    const r = await api.call(POST, path, { as: 'user', body: { product: 'raster', product_year: 2018 } });
    expect(r.status, r.text).toBe(202);
    const id = r.json.order_id;
    expect(r.json).toEqual({
      message: 'Your order has been successfully submitted',
      order_id: id,
      links: { href: `/v1/services/order_status/${id}`, rel: 'services', type: 'GET' },
    });
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ apiClientId: me.id, aoi: null, areaKm2: null });
    expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
    expect(o!.params).toMatchObject({ product: 'raster', productCode: 'clcplus_raster', year: 2018 });
    const job = await api.deps.queues.get('orders').getJob(`dispatch.${id}`);
    expect(job).toMatchObject({ name: 'dag.dispatch', data: { orderId: id } });
  });

  it('bad input: 4xx naming the field, nothing written', async () => {
    const cases = [
      [{}, 400, /^product:/],
      [{ product: 42 }, 400, /^product:/],
      [{ product: 'vector', product_year: 2018 }, 404, /^product_year: there is no vector product for 2018; available: 2021/],
      [{ product: 'vector', product_year: '2021' }, 400, /^product_year: must be a year/],
      [{ product: 'vector', nation: 'Austria' }, 400, /nation/],
    ] as const;
    for (const [body, status, detail] of cases) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'other', body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('a token without the scope is 403, no token 401; nothing written', async () => {
    const body = { product: 'raster' };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
  });
});
