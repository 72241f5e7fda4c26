/**
 * GET /v1/orders (and M15 GET /v1/crm/services/order_query) over HTTP: a client lists its own orders (newest first, paged with next_cursor and links.next),
 * never another client's; bad parameters are a 400 problem naming them; no token is a 401.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { clientToken } from '~/playwright/fixtures/cli';

async function tokenFor(request: APIRequestContext, scopes: string) {
  return (await clientToken(request, scopes)).headers;
}

const harmonics = (month: number) => ({
  tile_id: '33UXP',
  start_date: `2021-0${month}-01`,
  end_date: '2021-10-31',
  band: 'RED',
  resolution: 10,
  ndi_band: 'NIR',
});

test('a client lists its own orders, newest first, page by page; others see none of them', async ({ request }) => {
  const mine = await tokenFor(request, 'harmonics');
  const ids: string[] = [];
  for (const m of [3, 4, 5]) {
    const r = await request.post('/v1/services/harmonics', { headers: mine, data: harmonics(m) });
    expect(r.status()).toBe(202);
    ids.push((await r.json()).order_id);
  }
  const first = await request.get('/v1/orders?limit=2', { headers: mine });
  expect(first.status()).toBe(200);
  const p1 = await first.json();
  expect(p1.orders.map((o: { order_id: string }) => o.order_id)).toEqual([ids[2], ids[1]]);
  expect(p1.orders[0]).toMatchObject({ service: 'harmonics', links: { status: `/v1/services/order_status/${ids[2]}` } });
  expect(p1.links.next).toBe(`/v1/orders?limit=2&cursor=${p1.next_cursor}`);
  const p2 = await (await request.get(p1.links.next, { headers: mine })).json();
  expect(p2.orders.map((o: { order_id: string }) => o.order_id)).toEqual([ids[0]]);
  expect(p2.next_cursor).toBeNull();
  const filtered = await (
    await request.get('/v1/orders?service=harmonics&status=RECEIVED,QUEUED,RUNNING,INVALID', { headers: mine })
  ).json();
  expect(filtered.orders.length).toBeLessThanOrEqual(3);

  // M15, the reference's shape: the same orders, its status names, the order as a JSON string.
  const legacy = await (await request.get('/v1/crm/services/order_query?service_name=harmonics', { headers: mine })).json();
  expect(legacy.services.map((o: { order_id: string }) => o.order_id)).toEqual([ids[2], ids[1], ids[0]]);
  expect(legacy.services[0]).toMatchObject({
    service_name: 'harmonics',
    order_status: expect.stringMatching(/^(Not started|In progress|Failed)$/),
  });
  expect(JSON.parse(legacy.services[0].order_json)).toMatchObject({ tile_id: '33UXP', band: 'RED' });
  const badStatus = await request.get('/v1/crm/services/order_query?order_status=done', { headers: mine });
  expect(badStatus.status()).toBe(400);
  expect((await badStatus.json()).detail).toMatch(/^order_status: one of Not started/);

  const other = await tokenFor(request, 'get_product');
  expect((await (await request.get('/v1/crm/services/order_query', { headers: other })).json()).services).toEqual([]);
  expect((await (await request.get('/v1/orders', { headers: other })).json()).orders).toEqual([]);
});

test('bad parameters: 400 naming them; no token: 401', async ({ request }) => {
  const auth = await tokenFor(request, 'get_product');
  for (const [qs, field] of [
    ['limit=0', 'limit'],
    ['status=DONE', 'status'],
    ['since=yesterday', 'since'],
    ['cursor=abc', 'cursor'],
    ['unit=nowhere', 'unit'],
    ['limit=1&limit=2', 'limit'],
    ['sort=asc', 'sort'],
  ]) {
    const r = await request.get(`/v1/orders?${qs}`, { headers: auth });
    expect(r.status(), qs).toBe(400);
    expect(r.headers()['content-type']).toMatch(/application\/problem\+json/);
    expect((await r.json()).detail, qs).toMatch(new RegExp(`^${field}|${field}`));
  }
  expect((await request.get('/v1/orders')).status()).toBe(401);
});
