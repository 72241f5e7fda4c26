/** M15 GET /v1/crm/services/order_query: the caller's service orders by unit, service and status (reference shape). */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/crm/services/order_query/route';
import { POST as getProduct } from '~/app/v1/products/get_product/route';
import { VIENNA_GEOJSON } from '~/test/areas';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ products: true });
/** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const path = '/v1/crm/services/order_query';
const orders: Record<string, string> = {};

const order = async (as: string, product: string) => {
  const r = await api.call(getProduct, '/v1/products/get_product', { as, body: { product, aoi: VIENNA_GEOJSON } });
  expect(r.status, r.text).toBe(202);
  return r.json.order_id as string;
};

beforeAll(async () => {
  orders.mine1 = await order('user', 'Raster');
  orders.mine2 = await order('user', 'Vector');
  orders.theirs = await order('other', 'Raster');
});

describe('GET /v1/crm/services/order_query', () => {
  it('answers the caller’s own orders in the reference shape, filtered by service and status', async () => {
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const ids = r.json.services.map((o: { order_id: string }) => o.order_id);
    expect(ids.sort(byText)).toEqual([orders.mine1!, orders.mine2!].sort(byText));
    expect(r.json.services.find((o: { order_id: string }) => o.order_id === orders.mine1)).toEqual({
      subproduction_unit: null,
      processing_unit: null,
      service_name: 'get_product',
      order_status: 'Not started',
      order_id: orders.mine1,
      order_json: expect.any(String),
      order_result: null,
    });
    const mine1 = r.json.services.find((o: { order_id: string }) => o.order_id === orders.mine1);
    expect(JSON.parse(mine1.order_json)).toMatchObject({ product: 'raster', productCode: 'clcplus_raster', year: 2021 });
    expect(r.json.next_cursor).toBeNull();

    const one = await api.call(GET, `${path}?service_name=get_product`, { as: 'user' });
    expect(one.json.services).toHaveLength(2);
    const none = await api.call(GET, `${path}?service_name=harmonics`, { as: 'user' });
    expect(none.json.services).toEqual([]);
    const started = await api.call(GET, `${path}?order_status=Not%20started`, { as: 'user' });
    expect(started.json.services).toHaveLength(2);
    const done = await api.call(GET, `${path}?order_status=Finished`, { as: 'user' });
    expect(done.json.services).toEqual([]);

    const page = await api.call(GET, `${path}?limit=1`, { as: 'user' });
    expect(page.json.services).toHaveLength(1);
    expect(page.json.next_cursor).toEqual(expect.any(String));

    const admin = await api.call(GET, path, { as: 'admin' });
    expect(admin.json.services.map((o: { order_id: string }) => o.order_id)).toEqual(
      expect.arrayContaining([orders.mine1, orders.mine2, orders.theirs]),
    );
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [query, detail] of [
      ['order_status=Done', /^order_status:/],
      ['limit=0', /^limit:/],
      ['limit=1001', /^limit:/],
      ['processing_unit=10kmE476N278&subproduction_unit=SPU_E474N276', /^processing_unit:/],
      ['colour=red', /colour/],
    ] as const) {
      api.expectProblem(await api.unchanged(() => api.call(GET, `${path}?${query}`, { as: 'user' })), 400, detail);
    }
  });

  it('another customer’s orders are not shown; no token or a bad one is 401', async () => {
    const r = await api.call(GET, path, { as: 'other' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.services.map((o: { order_id: string }) => o.order_id)).toEqual([orders.theirs]);
    const stranger = await api.call(GET, path, { as: 'stranger' });
    expect(stranger.status, stranger.text).toBe(200);
    expect(stranger.json.services).toEqual([]);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: 'not-a-token' })), 401);
  });
});
