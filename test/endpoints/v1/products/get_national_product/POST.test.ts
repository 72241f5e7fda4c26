/** POST /v1/products/get_national_product: an order for a nation's boundary, accepted (202) and queued. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/products/get_national_product/route';
import { orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ products: true });

const path = '/v1/products/get_national_product';

describe('POST /v1/products/get_national_product', () => {
  it('accepts the order for a nation (any case): 202, the order stored with the nation, its dispatch queued', async () => {
    const me = api.clients.user!;
    const r = await api.call(POST, path, { as: 'user', body: { product: 'Vector', nation: ' austria ' } });
    expect(r.status, r.text).toBe(202);
    const id = r.json.order_id;
    expect(r.json).toMatchObject({
      message: 'Your order has been successfully submitted',
      links: { href: `/v1/services/order_status/${id}`, rel: 'services', type: 'GET', area: expect.stringMatching(/ km2$/) },
    });
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ apiClientId: me.id, aoi: null });
    expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
    expect(o!.params).toMatchObject({ product: 'vector', productCode: 'clcplus_vector', nation: 'Austria', year: 2021 });
    expect(o!.areaKm2).toBeGreaterThan(50_000);
    const job = await api.deps.queues.get('orders').getJob(`dispatch.${id}`);
    expect(job).toMatchObject({ name: 'dag.dispatch', data: { orderId: id } });
  });

  it('bad input: 4xx naming the field, nothing written', async () => {
    const cases = [
      [{ product: 'raster' }, 400, /^nation: required/],
      [{ nation: 'Austria' }, 400, /^product:/],
      [{ product: 'raster', nation: 'Atlantis' }, 404, /^nation: unknown nation "Atlantis"/],
      [{ product: 'raster', nation: 'Belgium' }, 422, /^nation: no boundary is loaded for Belgium/],
      [{ product: 'raster', nation: 'Austria', aoi: [1, 2, 3, 4] }, 400, /aoi/],
      [{ product: 'raster', nation: 'Austria', callback_url: 'ftp://x.org/' }, 400, /^callback_url:/],
    ] as const;
    for (const [body, status, detail] of cases) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'other', body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('a token without the scope is 403, no token 401; nothing written', async () => {
    const body = { product: 'raster', nation: 'Austria' };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
  });
});
