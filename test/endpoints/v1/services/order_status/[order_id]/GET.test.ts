/** GET /v1/services/order_status/{order_id}: the order's status and progress (its owner's, or an admin's). */
import { describe, expect, it } from 'vitest';
import { POST as europe } from '~/app/v1/products/get_product_europe/route';
import { GET } from '~/app/v1/services/order_status/[order_id]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ products: true });

async function order(as: string): Promise<string> {
  const r = await api.call(europe, '/v1/products/get_product_europe', { as, body: { product: 'raster' } });
  expect(r.status, r.text).toBe(202);
  return r.json.order_id;
}

const at = (order_id: string) => ({ path: `/v1/services/order_status/${order_id}`, params: { order_id } });

describe('GET /v1/services/order_status/{order_id}', () => {
  it('answers the accepted order: status, service, progress, no result yet', async () => {
    const id = await order('user');
    const { path, params } = at(id);
    const r = await api.call(GET, path, { as: 'user', params });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toMatchObject({
      order_id: id,
      service: 'get_product_europe',
      progress: 0,
      result: null,
      area_km2: null,
      error: null,
      package: null,
      stopped_at: null,
      submitted_at: expect.any(String),
    });
    expect(['RECEIVED', 'QUEUED']).toContain(r.json.status);
    const upper = at(id.toUpperCase());
    expect((await api.call(GET, upper.path, { as: 'user', params: upper.params })).json.order_id).toBe(id);
  });

  it('a malformed or unknown id is 404 naming it', async () => {
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const { path, params } = at(id);
      api.expectProblem(
        await api.unchanged(() => api.call(GET, path, { as: 'user', params })),
        404,
        new RegExp(`^no order ${id}`),
      );
    }
  });

  it('another customer’s order is 404, an admin sees it; no token 401', async () => {
    const id = await order('user');
    const { path, params } = at(id);
    api.expectProblem(await api.call(GET, path, { as: 'other', params }), 404, /^no order/);
    api.expectProblem(await api.call(GET, path, { as: 'stranger', params }), 404, /^no order/);
    expect((await api.call(GET, path, { as: 'admin', params })).json.order_id).toBe(id);
    api.expectProblem(await api.call(GET, path, { params }), 401);
  });
});
