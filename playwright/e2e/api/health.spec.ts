import { expect, test } from '@playwright/test';

test.describe('health endpoints', () => {
  test('/healthz: the web process is up', async ({ request }) => {
    const r = await request.get('/healthz');
    expect(r.status()).toBe(200);
    expect(r.headers()['cache-control']).toBe('no-store');
    expect(await r.json()).toMatchObject({ status: 'ok' });
  });

  test('/readyz: names PostgreSQL, PostGIS and Redis as ok', async ({ request }) => {
    const r = await request.get('/readyz');
    expect(r.status()).toBe(200);
    const body = await r.json();
    expect(body.status).toBe('ok');
    expect(body.postgresql).toMatchObject({ ok: true, detail: expect.stringMatching(/^PostgreSQL 15/) });
    expect(body.postgis).toMatchObject({ ok: true, detail: expect.stringMatching(/^PostGIS 3/) });
    expect(body.redis).toMatchObject({ ok: true, detail: expect.stringMatching(/^Redis 7/) });
  });

  test('responses carry security headers and no framework banner', async ({ request }) => {
    const r = await request.get('/healthz');
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
    expect(r.headers()['x-frame-options']).toBe('DENY');
    expect(r.headers()['x-powered-by']).toBeUndefined();
  });
});
