/**
 * ROIs over HTTP (reference O1–O9 and /v1/rois): each endpoint's happy path, bad input refused with a problem naming
 * the field (geometry errors exactly as an order's AOI, under `geoJSON`) and nothing written, another customer's ROI
 * a 404, a token without the scopes a 403; an ROI ordered by `roi_id` in place of `aoi`.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { clientToken } from '~/playwright/fixtures/cli';
import { VIENNA_GEOJSON } from '~/test/areas';

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
});
test.afterAll(() => sql.end());

const BOWTIE = 'POLYGON ((16.3 48.1, 16.4 48.2, 16.4 48.1, 16.3 48.2, 16.3 48.1))';

async function client(request: APIRequestContext, scopes = 'get_product') {
  const { headers } = await clientToken(request, scopes);
  const me = await (await request.get('/v1/auth/me', { headers })).json();
  return { headers, customerId: me.customer_id as string };
}

const roiCount = async (customerId: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from rois where customer_id = ${customerId}`)[0]!.n;

test('create, read, list, update, replace, delete: the legacy routes and /v1/rois', async ({ request }) => {
  const me = await client(request);
  const created = await request.post('/v1/roi/create', {
    headers: me.headers,
    data: { name: 'Vienna', description: 'centre', geoJSON: VIENNA_GEOJSON },
  });
  expect(created.status(), await created.text()).toBe(201);
  const roi = await created.json();
  expect(roi).toMatchObject({
    name: 'Vienna',
    description: 'centre',
    customer_id: me.customerId,
    geoJSON: { type: 'MultiPolygon' },
  });
  expect(created.headers().location).toBe(`/v1/rois/${roi.roi_id}`);

  expect((await (await request.get(`/v1/roi/id/${roi.roi_id}`, { headers: me.headers })).json()).name).toBe('Vienna');
  expect((await (await request.get(`/v1/rois/${roi.roi_id}`, { headers: me.headers })).json()).roi_id).toBe(roi.roi_id);
  const second = await request.post('/v1/rois', {
    headers: me.headers,
    data: { name: 'Box', geoJSON: [16.3, 48.15, 16.35, 48.18] },
  });
  expect(second.status()).toBe(201);
  for (const url of ['/v1/rois', '/v1/roi', `/v1/roi/user/${me.customerId}`]) {
    const list = await (await request.get(url, { headers: me.headers })).json();
    expect(
      list.rois.map((r: { name: string }) => r.name),
      url,
    ).toEqual(['Box', 'Vienna']);
  }

  const patched = await request.patch('/v1/roi/update/filter', {
    headers: me.headers,
    data: { roi_id: roi.roi_id, description: 'changed' },
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ name: 'Vienna', description: 'changed' });
  const replaced = await request.put('/v1/roi/update', {
    headers: me.headers,
    data: {
      roi_id: roi.roi_id,
      name: 'Vienna 2',
      geoJSON: 'POLYGON ((16.36 48.2, 16.38 48.2, 16.38 48.21, 16.36 48.21, 16.36 48.2))',
    },
  });
  expect(replaced.status()).toBe(200);
  expect(await replaced.json()).toMatchObject({ name: 'Vienna 2', description: null });
  expect((await request.patch(`/v1/rois/${roi.roi_id}`, { headers: me.headers, data: { name: 'Box' } })).status()).toBe(409);

  expect((await request.delete(`/v1/roi/delete/id/${roi.roi_id}`, { headers: me.headers })).status()).toBe(204);
  expect((await request.get(`/v1/rois/${roi.roi_id}`, { headers: me.headers })).status()).toBe(404);
  expect((await request.delete(`/v1/rois/${(await second.json()).roi_id}`, { headers: me.headers })).status()).toBe(204);
  expect(await roiCount(me.customerId)).toBe(0);
  const audit = await sql<{ action: string }[]>`select action from audit_log where target_id = ${roi.roi_id} order by id`;
  expect(audit.map((a) => a.action)).toEqual(['roi.created', 'roi.updated', 'roi.updated', 'roi.deleted']);
});

test('bad input: a problem naming the field, nothing written; geometry errors as for an order AOI', async ({ request }) => {
  const me = await client(request);
  const cases: [string, string, Record<string, unknown>, number, RegExp][] = [
    ['post', '/v1/roi/create', { geoJSON: VIENNA_GEOJSON }, 400, /^name: /],
    ['post', '/v1/roi/create', { name: 'x' }, 400, /^geoJSON: /],
    ['post', '/v1/roi/create', { name: 'x', geoJSON: BOWTIE }, 400, /^geoJSON: the polygon is not valid|^geoJSON: /],
    ['post', '/v1/roi/create', { name: 'x', geoJSON: 'POLYGON ((200 0, 201 0, 201 1, 200 0))' }, 400, /^geoJSON: .*longitude/],
    ['post', '/v1/roi/create', { name: 'x', geoJSON: VIENNA_GEOJSON, colour: 'red' }, 400, /colour/],
    [
      'post',
      '/v1/roi/create',
      { name: 'x', geoJSON: VIENNA_GEOJSON, user_id: 'someone-else' },
      403,
      /^user_id: ROIs are always your own/,
    ],
    ['patch', '/v1/roi/update/filter', { name: 'y' }, 400, /^roi_id: required/],
    ['patch', '/v1/roi/update/filter', { roi_id: 'not-a-uuid', name: 'y' }, 400, /roi_id/],
    ['patch', '/v1/rois/00000000-0000-4000-8000-000000000000', {}, 400, /at least one of name, description, geoJSON/],
  ];
  for (const [method, url, data, status, detail] of cases) {
    const r = await request.fetch(url, { method, headers: me.headers, data });
    expect(r.status(), `${url} ${JSON.stringify(data)}`).toBe(status);
    expect(r.headers()['content-type']).toMatch(/application\/problem\+json/);
    expect((await r.json()).detail, JSON.stringify(data)).toMatch(detail);
  }
  expect(await roiCount(me.customerId)).toBe(0);
});

test("another customer's ROI is a 404 everywhere; a token without the scopes is a 403", async ({ request }) => {
  const owner = await client(request);
  const other = await client(request);
  const roi = await (
    await request.post('/v1/rois', { headers: owner.headers, data: { name: 'mine', geoJSON: VIENNA_GEOJSON } })
  ).json();
  for (const [method, url, data] of [
    ['get', `/v1/rois/${roi.roi_id}`, undefined],
    ['get', `/v1/roi/id/${roi.roi_id}`, undefined],
    ['patch', `/v1/rois/${roi.roi_id}`, { name: 'stolen' }],
    ['put', '/v1/roi/update', { roi_id: roi.roi_id, name: 'stolen', geoJSON: VIENNA_GEOJSON }],
    ['delete', `/v1/roi/delete/id/${roi.roi_id}`, undefined],
  ] as const) {
    const r = await request.fetch(url, { method, headers: other.headers, ...(data ? { data } : {}) });
    expect(r.status(), `${method} ${url}`).toBe(404);
  }
  expect((await request.get(`/v1/roi/user/${owner.customerId}`, { headers: other.headers })).status()).toBe(404);
  expect((await (await request.get('/v1/rois', { headers: other.headers })).json()).rois).toEqual([]);
  expect(
    (
      await request.post('/v1/products/get_product', { headers: other.headers, data: { product: 'Raster', roi_id: roi.roi_id } })
    ).status(),
  ).toBe(404);
  const noScope = await client(request, 'harmonics');
  expect((await request.get('/v1/rois', { headers: noScope.headers })).status()).toBe(403);
  expect((await request.get(`/v1/rois/${roi.roi_id}`, { headers: owner.headers })).status()).toBe(200);
});

test('get_product with roi_id orders the ROI’s area', async ({ request }) => {
  const me = await client(request);
  const roi = await (
    await request.post('/v1/rois', { headers: me.headers, data: { name: 'order me', geoJSON: VIENNA_GEOJSON } })
  ).json();
  const r = await request.post('/v1/products/get_product', {
    headers: me.headers,
    data: { product: 'Raster', roi_id: roi.roi_id },
  });
  expect(r.status(), await r.text()).toBe(202);
  const { order_id } = await r.json();
  const [o] = await sql<{ area: number }[]>`select area_km2 as area from orders where id = ${order_id}`;
  expect(o!.area).toBeGreaterThan(3);
  const both = await request.post('/v1/products/get_product', {
    headers: me.headers,
    data: { product: 'Raster', roi_id: roi.roi_id, aoi: VIENNA_GEOJSON },
  });
  expect(both.status()).toBe(400);
  expect((await both.json()).detail).toMatch(/roi_id: send aoi or roi_id, not both/);
});
