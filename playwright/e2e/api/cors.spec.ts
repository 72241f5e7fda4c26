/**
 * CORS through the real web server (CORS_ORIGINS=https://portal.example.org in the e2e run): a listed origin's
 * preflight is answered and its calls readable cross-origin, with Location exposed; another origin's preflight is a
 * 403 problem; no response ever allows credentials.
 */
import { expect, test } from '@playwright/test';
import { newClient } from '~/playwright/fixtures/cli';

const portal = 'https://portal.example.org';

test('a listed origin may call the API from a browser; another may not', async ({ request }) => {
  const pre = await request.fetch('/v1/services/harmonics', {
    method: 'OPTIONS',
    headers: {
      origin: portal,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  expect(pre.status()).toBe(204);
  expect(pre.headers()).toMatchObject({
    'access-control-allow-origin': portal,
    'access-control-allow-headers': 'authorization, content-type',
  });
  expect(pre.headers()['access-control-allow-methods']).toContain('POST');
  expect(pre.headers()['access-control-allow-credentials']).toBeUndefined();

  const c = newClient('get_product');
  const token = await request.post('/v1/auth/get_bearer_token', {
    headers: { origin: portal },
    data: { user_id: c.client_id, client_secret: c.client_secret },
  });
  expect(token.status()).toBe(200);
  expect(token.headers()['access-control-allow-origin']).toBe(portal);
  expect(token.headers()['access-control-expose-headers']).toContain('location');
  expect(token.headers()['access-control-allow-credentials']).toBeUndefined();

  const evil = await request.fetch('/oauth/token', {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  expect(evil.status()).toBe(403);
  expect(evil.headers()['content-type']).toMatch(/application\/problem\+json/);
  expect((await evil.json()).detail).toBe('origin https://evil.example may not call this API (CORS_ORIGINS)');
  const plain = await request.get('/v1/orders', { headers: { origin: 'https://evil.example' } });
  expect(plain.headers()['access-control-allow-origin']).toBeUndefined();
});
