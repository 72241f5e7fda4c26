/** GET /v1/orders: the caller's orders (admins: everyone's), newest first, filtered, keyset-paged. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/orders/route';
import { POST as europe } from '~/app/v1/products/get_product_europe/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ products: true });

async function order(as: string): Promise<string> {
  const r = await api.call(europe, '/v1/products/get_product_europe', { as, body: { product: 'raster' } });
  expect(r.status, r.text).toBe(202);
  return r.json.order_id;
}

const path = '/v1/orders';
const ids = (r: { json: { orders: { order_id: string }[] } }) => r.json.orders.map((o) => o.order_id);

describe('GET /v1/orders', () => {
  it('lists the caller’s own orders newest first, in pages with a next link; an admin sees everyone’s', async () => {
    const a = await order('user');
    const b = await order('user');
    const c = await order('user');
    const theirs = await order('other');

    const r = await api.call(GET, `${path}?limit=2`, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(ids(r)).toEqual([c, b]);
    expect(r.json.orders[0]).toMatchObject({ order_id: c, service: 'get_product_europe', progress: 0, error: null });
    expect(['RECEIVED', 'QUEUED']).toContain(r.json.orders[0].status);
    expect(r.json.links.next).toMatch(/^\/v1\/orders\?limit=2&cursor=/);
    const r2 = await api.call(GET, r.json.links.next, { as: 'user' });
    expect(ids(r2)).toEqual([a]);
    expect(r2.json.links.next).toBeNull();

    const all = await api.call(GET, path, { as: 'admin' });
    expect(ids(all)).toEqual(expect.arrayContaining([a, b, c, theirs]));
    expect(ids(await api.call(GET, path, { as: 'other' }))).toEqual([theirs]);
  });

  it('filters by service and status', async () => {
    const mine = ids(await api.call(GET, path, { as: 'user' }));
    expect(mine).toHaveLength(3);
    expect(ids(await api.call(GET, `${path}?service=get_product_europe`, { as: 'user' }))).toEqual(mine);
    expect(ids(await api.call(GET, `${path}?service=get_product`, { as: 'user' }))).toEqual([]);
    expect(ids(await api.call(GET, `${path}?status=success,failed`, { as: 'user' }))).toEqual([]);
    expect(ids(await api.call(GET, `${path}?status=received,queued`, { as: 'user' }))).toEqual(mine);
  });

  it('bad input: 400 naming the field', async () => {
    for (const [q, detail] of [
      ['status=DONE', /^status.*one or more of/],
      ['since=yesterday', /^since: an ISO 8601 date-time/],
      ['service=Get-Product', /^service: a service name/],
      ['limit=500', /^limit:/],
      ['owner=me', /owner/],
    ] as const) {
      api.expectProblem(await api.unchanged(() => api.call(GET, `${path}?${q}`, { as: 'user' })), 400, detail);
    }
  });

  it('any valid token sees only its own (none for a stranger); no token 401', async () => {
    const r = await api.call(GET, path, { as: 'stranger' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.orders).toEqual([]);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
