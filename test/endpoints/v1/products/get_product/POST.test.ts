/** POST /v1/products/get_product: an order for an AOI, accepted (202) and queued; no worker runs here. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/products/get_product/route';
import { orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { BOWTIE_GEOJSON, VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint({ products: true });

const path = '/v1/products/get_product';

describe('POST /v1/products/get_product', () => {
  it('accepts the order: 202 with the status link, the order RECEIVED and its dispatch queued', async () => {
    const me = api.clients.user!;
    const r = await api.call(POST, path, { as: 'user', body: { product: 'Raster', aoi: VIENNA_GEOJSON, user_id: 'ignored' } });
    expect(r.status, r.text).toBe(202);
    const id = r.json.order_id;
    expect(r.json).toEqual({
      message: 'Your order has been successfully submitted',
      order_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      links: {
        href: `/v1/services/order_status/${id}`,
        rel: 'services',
        type: 'GET',
        area: expect.stringMatching(/^\d+\.\d\d km2$/),
      },
    });
    expect(r.headers.get('location')).toMatch(new RegExp(`/v1/services/order_status/${id}$`));
    const area = Number(r.json.links.area.split(' ')[0]);
    expect(area).toBeGreaterThan(2);
    expect(area).toBeLessThan(5);

    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ apiClientId: me.id, progress: 0 });
    expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
    expect(o!.params).toMatchObject({ product: 'raster', productCode: 'clcplus_raster', year: 2021 });
    expect(o!.areaKm2).toBeCloseTo(area, 2);

    const job = await api.deps.queues.get('orders').getJob(`dispatch.${id}`);
    expect(job).toMatchObject({ name: 'dag.dispatch', data: { orderId: id } });
  });

  it('an Idempotency-Key replays the same order; a year and a format are taken', async () => {
    const body = { product: 'vector', aoi: [16.36, 48.2, 16.38, 48.21], format: 'gpkg' };
    const headers = { 'idempotency-key': 'k-1' };
    const a = await api.call(POST, path, { as: 'reader', body, headers });
    expect(a.status, a.text).toBe(202);
    const b = await api.call(POST, path, { as: 'reader', body, headers });
    expect(b.status, b.text).toBe(202);
    expect(b.json.order_id).toBe(a.json.order_id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const rows = await api.db.select().from(orders).where(eq(orders.apiClientId, api.clients.reader!.id));
    expect(rows).toHaveLength(1);

    const y = await api.call(POST, path, { as: 'reader', body: { product: 'raster', aoi: VIENNA_GEOJSON, product_year: 2018 } });
    expect(y.status, y.text).toBe(202);
    const [o] = await api.db.select().from(orders).where(eq(orders.id, y.json.order_id));
    expect(o!.params).toMatchObject({ year: 2018 });
  });

  it('bad input: 4xx naming the field, nothing written', async () => {
    const cases = [
      [{ aoi: VIENNA_GEOJSON }, 400, /^product:/],
      [{ product: 'Mosaic', aoi: VIENNA_GEOJSON }, 400, /^product: must be "Raster" or "Vector"/],
      [{ product: 'raster' }, 400, /^aoi: required/],
      [
        { product: 'raster', aoi: VIENNA_GEOJSON, roi_id: '00000000-0000-4000-8000-000000000000' },
        400,
        /^roi_id: send aoi or roi_id, not both/,
      ],
      [{ product: 'raster', aoi: BOWTIE_GEOJSON }, 400, /^aoi:.*self-intersection/i],
      [{ product: 'raster', aoi: VIENNA_GEOJSON, product_year: 1999 }, 400, /^product_year:/],
      [
        { product: 'raster', aoi: VIENNA_GEOJSON, product_year: 2019 },
        404,
        /^product_year: there is no raster product for 2019; available: 2018, 2021/,
      ],
      [{ product: 'raster', aoi: VIENNA_GEOJSON, format: 'png' }, 400, /^format: a raster product is delivered as/],
      [{ product: 'raster', aoi: VIENNA_GEOJSON, aoii: 1 }, 400, /aoii/],
      [{ product: 'raster', aoi: [-60, -10, -59.9, -9.9] }, 422, /^aoi:/],
    ] as const;
    for (const [body, status, detail] of cases) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'other', body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('a token without the scope is 403, no token 401; nothing written', async () => {
    const body = { product: 'raster', aoi: VIENNA_GEOJSON };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
  });
});
