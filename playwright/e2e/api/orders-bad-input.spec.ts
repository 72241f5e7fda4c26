/**
 * Bad order requests over HTTP: each gets a 4xx problem+json whose detail names the problem, and no order is
 * created (counted in the database). Plus the Idempotency-Key contract.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { clientToken } from '~/playwright/fixtures/cli';

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
});
test.afterAll(() => sql.end());

async function tokenFor(request: APIRequestContext, scopes = 'get_product') {
  const { clientId, headers } = await clientToken(request, scopes);
  return { clientId, auth: headers };
}

const ordersOf = async (clientId: string) =>
  (
    await sql<
      { n: number }[]
    >`select count(*)::int as n from orders o join api_clients c on c.id = o.api_client_id where c.client_id = ${clientId}`
  )[0]!.n;

const VIENNA = 'POLYGON ((16.36 48.20, 16.38 48.20, 16.38 48.21, 16.36 48.21, 16.36 48.20))';

const cases: {
  name: string;
  endpoint?: string;
  body: unknown;
  status: number;
  detail: RegExp;
  raw?: string | Buffer;
  type?: string;
}[] = [
  {
    name: 'malformed WKT',
    body: { product: 'Raster', aoi: 'POLYGON ((16.3 48.1, 16.4' },
    status: 400,
    detail: /aoi: not valid WKT: expected a number/,
  },
  {
    name: 'a WKT point',
    body: { product: 'Raster', aoi: 'POINT (16.3 48.1)' },
    status: 400,
    detail: /must be a POLYGON or MULTIPOLYGON/,
  },
  {
    name: 'malformed GeoJSON',
    body: { product: 'Raster', aoi: { type: 'Polygon', coordinates: [[[16.3], [16.4, 48.2]]] } },
    status: 400,
    detail: /aoi: coordinates\[0\]\[0\]: a position must be \[longitude, latitude\]/,
  },
  {
    name: 'self-intersecting polygon (bow tie)',
    body: { product: 'Raster', aoi: 'POLYGON ((16.30 48.15, 16.40 48.20, 16.40 48.15, 16.30 48.20, 16.30 48.15))' },
    status: 400,
    detail: /aoi: the polygon is not valid: Self-intersection/,
  },
  {
    name: 'latitude and longitude swapped',
    body: { product: 'Raster', aoi: 'POLYGON ((48.20 16.36, 48.20 196.38, 48.21 16.38, 48.20 16.36))' },
    status: 400,
    detail: /not a longitude\/latitude in EPSG:4326/,
  },
  {
    name: 'AOI outside the product (Madrid)',
    body: { product: 'Raster', aoi: 'POLYGON ((-3.8 40.3, -3.6 40.3, -3.6 40.5, -3.8 40.5, -3.8 40.3))' },
    status: 422,
    detail: /the product does not cover this area/,
  },
  {
    name: 'AOI too large',
    body: { product: 'Vector', aoi: [0, 40, 12, 50] },
    status: 422,
    detail: /the area is \d+ km² \(measured in EPSG:3035\); one order may cover at most 50000 km²/,
  },
  {
    name: 'unknown product',
    body: { product: 'Hologram', aoi: VIENNA },
    status: 400,
    detail: /product: must be "Raster" or "Vector"/,
  },
  {
    name: 'unknown year',
    body: { product: 'Raster', aoi: VIENNA, product_year: 2018 },
    status: 404,
    detail: /no raster product for 2018; available: 2021/,
  },
  {
    name: 'unknown format',
    body: { product: 'Raster', aoi: VIENNA, format: 'PNG' },
    status: 400,
    detail: /format: a raster product is delivered as GTiff, not "PNG"/,
  },
  {
    name: 'unknown nation',
    endpoint: 'get_national_product',
    body: { product: 'Raster', nation: 'Atlantis' },
    status: 404,
    detail: /unknown nation "Atlantis"/,
  },
  {
    name: 'nation the product does not cover',
    endpoint: 'get_national_product',
    body: { product: 'Raster', nation: 'Portugal' },
    status: 422,
    detail: /nation Portugal: the product does not cover this area/,
  },
  {
    name: 'wrong type (aoi a number)',
    body: { product: 'Raster', aoi: 42 },
    status: 400,
    detail: /aoi: required: a WKT or GeoJSON polygon/,
  },
  {
    name: 'wrong type (year a string)',
    body: { product: 'Raster', aoi: VIENNA, product_year: '2021' },
    status: 400,
    detail: /product_year: must be a year/,
  },
  { name: 'missing aoi', body: { product: 'Raster' }, status: 400, detail: /aoi/ },
  { name: 'unknown field', body: { product: 'Raster', aoii: VIENNA }, status: 400, detail: /Unrecognized key.*aoii/ },
  { name: 'not JSON', body: null, raw: '{"product": "Raster",', status: 400, detail: /not valid JSON/ },
  {
    name: 'not JSON content type',
    body: null,
    raw: 'product=Raster',
    type: 'application/x-www-form-urlencoded',
    status: 415,
    detail: /send the body as JSON/,
  },
  {
    name: 'GeoJSON naming another CRS (EPSG:3857)',
    body: {
      product: 'Raster',
      aoi: {
        type: 'Polygon',
        crs: { type: 'name', properties: { name: 'EPSG:3857' } },
        coordinates: [
          [
            [1820000, 6140000],
            [1822000, 6140000],
            [1822000, 6142000],
            [1820000, 6140000],
          ],
        ],
      },
    },
    status: 400,
    detail: /aoi: the GeoJSON names the CRS "EPSG:3857"; send coordinates in longitude\/latitude/,
  },
  {
    name: 'a NUL character in a field',
    body: null,
    raw: '{"product": "Raster\\u0000", "aoi": "POLYGON ((16.36 48.20, 16.38 48.20, 16.38 48.21, 16.36 48.20))"}',
    status: 400,
    detail: /body product: contains a NUL character/,
  },
  {
    name: 'a NUL character in a nation name',
    endpoint: 'get_national_product',
    body: { product: 'Raster', nation: 'Austria\u0000' },
    status: 400,
    detail: /body nation: contains a NUL character/,
  },
  {
    name: 'an unpaired surrogate',
    body: null,
    raw: '{"product": "Raster", "aoi": "POLYGON ((16.36 48.20, 16.38 48.20, 16.38 48.21, 16.36 48.20))", "format": "\\ud800"}',
    status: 400,
    detail: /body format: contains an unpaired UTF-16 surrogate/,
  },
  {
    name: 'bytes that are not UTF-8',
    body: null,
    raw: Buffer.concat([Buffer.from('{"product": "Raster", "nation": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    endpoint: 'get_national_product',
    status: 400,
    detail: /the request body is not valid UTF-8/,
  },
  {
    name: 'huge body',
    body: { product: 'Raster', aoi: `POLYGON ((${'16.36 48.20, '.repeat(120_000)}16.36 48.20))` },
    status: 413,
    detail: /larger than 1048576 bytes/,
  },
];

test.describe('bad order requests', () => {
  for (const c of cases) {
    test(`${c.name} → ${c.status}, named, no order`, async ({ request }) => {
      const { clientId, auth } = await tokenFor(request);
      const r = await request.post(`/v1/products/${c.endpoint ?? 'get_product'}`, {
        headers: { ...auth, 'content-type': c.type ?? 'application/json' },
        data: Buffer.from(c.raw ?? JSON.stringify(c.body)),
      });
      expect(r.status()).toBe(c.status);
      expect(r.headers()['content-type']).toMatch(/application\/problem\+json/);
      const problem = await r.json();
      expect(problem.detail).toMatch(c.detail);
      expect(JSON.stringify(problem)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/); // no stack trace
      expect(await ordersOf(clientId)).toBe(0);
    });
  }

  test('no token → 401; a token without an ordering scope → 403', async ({ request }) => {
    const r = await request.post('/v1/products/get_product', { data: { product: 'Raster', aoi: VIENNA } });
    expect(r.status()).toBe(401);
    const { clientId, auth } = await tokenFor(request, 'ingest_product');
    const f = await request.post('/v1/products/get_product', { headers: auth, data: { product: 'Raster', aoi: VIENNA } });
    expect(f.status()).toBe(403);
    expect(await ordersOf(clientId)).toBe(0);
  });

  test('Idempotency-Key: the same key returns the same order; reused for another request → 409', async ({ request }) => {
    const { clientId, auth } = await tokenFor(request);
    const headers = { ...auth, 'idempotency-key': 'portal-request-42' };
    const a = await request.post('/v1/products/get_product', { headers, data: { product: 'Raster', aoi: VIENNA } });
    const b = await request.post('/v1/products/get_product', { headers, data: { product: 'Raster', aoi: VIENNA } });
    expect([a.status(), b.status()]).toEqual([202, 202]);
    expect((await b.json()).order_id).toBe((await a.json()).order_id);
    expect(b.headers()['idempotent-replayed']).toBe('true');
    const c = await request.post('/v1/products/get_product', { headers, data: { product: 'Vector', aoi: VIENNA } });
    expect(c.status()).toBe(409);
    expect((await c.json()).detail).toMatch(/Idempotency-Key: this key was used for a different request/);
    expect(await ordersOf(clientId)).toBe(1);
  });

  test('GET /v1/products/nations lists the nations, Title-cased', async ({ request }) => {
    const { auth } = await tokenFor(request);
    const body = await (await request.get('/v1/products/nations', { headers: auth })).json();
    expect(body.nations).toContain('Austria');
    expect(body.nations).toContain('Bosnia And Herzegovina');
    expect(body.nations.length).toBe(46);
  });
});
