/**
 * /openapi.json from the real server: a valid OpenAPI 3.1 document naming this server, and real HTTP responses of a
 * few operations validated against it (server/openapi/validate-response.ts), errors included.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect, test, type APIResponse } from '@playwright/test';
import { clientToken, newClient } from '~/playwright/fixtures/cli';
import { responseValidator, type ResponseValidator } from '~/server/openapi/validate-response';

let check: ResponseValidator;
let doc: { openapi: string; servers: { url: string }[]; paths: Record<string, unknown>; components: Record<string, unknown> };

/** The response as the document describes it for this method and path, or the test fails naming the difference. */
async function expectConforms(method: string, path: string, r: APIResponse) {
  const body = method === 'HEAD' ? '' : await r.text();
  const problems = check({ method, path, status: r.status(), contentType: r.headers()['content-type'] ?? null, body });
  expect(problems, `${method} ${path}: ${body.slice(0, 500)}`).toEqual([]);
}

test.describe('OpenAPI description', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    const r = await request.get('/openapi.json');
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.1/);
    doc = await r.json();
    expect(doc.servers[0]!.url).toBe(new URL(baseURL!).origin);
    check = responseValidator(doc);
  });

  test('/openapi.json is valid OpenAPI 3.1 (swagger-parser) and describes every area of the API', async () => {
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/v1/products/get_product',
      '/v1/services/{service}',
      '/oauth/token',
      '/downloads/{token}',
      '/healthz',
      '/v1',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    const schemes = (doc.components.securitySchemes ?? {}) as Record<string, { type: string; flows?: unknown }>;
    expect(schemes.oauth2).toMatchObject({
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: `${doc.servers[0]!.url}/oauth/token` } },
    });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('health, the index, the OAuth metadata and keys conform', async ({ request }) => {
    for (const path of ['/healthz', '/readyz', '/v1', '/oauth/metadata', '/oauth/jwks'])
      await expectConforms('GET', path, await request.get(path));
    // `/v1/` is the same index (Next.js redirects the trailing slash).
    const slash = await request.get('/v1/');
    expect(slash.status()).toBe(200);
    const index = await slash.json();
    expect(index.links.map((l: { rel: string }) => l.rel)).toEqual(
      expect.arrayContaining(['service-doc', 'service-desc', 'ogc-processes', 'token-endpoint']),
    );
    expect(index.links.find((l: { rel: string }) => l.rel === 'service-doc').href).toMatch(/\/docs$/);
  });

  test('a token, an ROI, an order, its status and errors conform', async ({ request }) => {
    const c = newClient('user get_product');
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.client_secret)}`).toString('base64')}`;
    const tok = await request.post('/oauth/token', {
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      data: 'grant_type=client_credentials',
    });
    await expectConforms('POST', '/oauth/token', tok);
    const badTok = await request.post('/oauth/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: 'grant_type=password',
    });
    expect(badTok.status()).toBe(400);
    await expectConforms('POST', '/oauth/token', badTok);

    const auth = { authorization: `Bearer ${(await tok.json()).access_token}` };
    await expectConforms('GET', '/v1/auth/me', await request.get('/v1/auth/me', { headers: auth }));
    await expectConforms('GET', '/v1/auth/me', await request.get('/v1/auth/me'));
    await expectConforms('GET', '/v1/services', await request.get('/v1/services', { headers: auth }));
    await expectConforms('GET', '/v1/products/nations', await request.get('/v1/products/nations', { headers: auth }));

    const roi = await request.post('/v1/rois', {
      headers: auth,
      data: { name: 'Vienna', geoJSON: 'POLYGON ((16.30 48.15, 16.42 48.14, 16.44 48.20, 16.38 48.23, 16.30 48.15))' },
    });
    expect(roi.status()).toBe(201);
    await expectConforms('POST', '/v1/rois', roi);
    const roiId = (await roi.json()).roi_id as string;
    await expectConforms('GET', `/v1/rois/${roiId}`, await request.get(`/v1/rois/${roiId}`, { headers: auth }));

    const order = await request.post('/v1/products/get_product', { headers: auth, data: { product: 'Raster', roi_id: roiId } });
    expect(order.status()).toBe(202);
    await expectConforms('POST', '/v1/products/get_product', order);
    const status = `/v1/services/order_status/${(await order.json()).order_id}`;
    await expectConforms('GET', status, await request.get(status, { headers: auth }));
    await expectConforms('GET', '/v1/orders?limit=5', await request.get('/v1/orders?limit=5', { headers: auth }));

    const bad = await request.post('/v1/products/get_product', { headers: auth, data: { product: 'Raster', aoii: 'x' } });
    expect(bad.status()).toBe(400);
    await expectConforms('POST', '/v1/products/get_product', bad);
    const unknown = '/v1/services/order_status/00000000-0000-4000-8000-000000000000';
    await expectConforms('GET', unknown, await request.get(unknown, { headers: auth }));
  });

  test('an admin list and a wrong scope conform', async ({ request }) => {
    const admin = await clientToken(request, 'admin');
    await expectConforms('GET', '/v1/queues', await request.get('/v1/queues', { headers: admin.headers }));
    await expectConforms('GET', '/v1/customers?limit=2', await request.get('/v1/customers?limit=2', { headers: admin.headers }));
    const reader = await clientToken(request, 'get_product');
    const refused = await request.get('/v1/queues', { headers: reader.headers });
    expect(refused.status()).toBe(403);
    await expectConforms('GET', '/v1/queues', refused);
  });
});
