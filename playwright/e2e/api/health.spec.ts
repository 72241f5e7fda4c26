import { expect, test } from '@playwright/test';
import { env } from '~/server/env.js';

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

test.describe('metrics', () => {
  test('/metrics (loopback, no token) sums every web process: 20 /healthz requests are all counted', async ({ request }) => {
    const count = async () => {
      const text = await (await request.get('/metrics')).text();
      const line = text
        .split('\n')
        .find((l) => /^clcplus_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*status="200"/.test(l));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await count();
    // The primary hands connections out round-robin (keep-alive off), so the requests reach both web processes.
    for (let i = 0; i < 20; i++) expect((await request.get('/healthz', { headers: { connection: 'close' } })).status()).toBe(200);
    const r = await request.get('/metrics');
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await count()) - before).toBeGreaterThanOrEqual(20);
    expect(await r.text()).toMatch(/^# TYPE clcplus_orders gauge$/m); // the business gauges (no sample before any order)
  });

  test('/metrics through a proxy needs the token, even from loopback; a forged internal header changes nothing', async ({
    request,
  }) => {
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }];
    for (const headers of proxied) {
      const r = await request.get('/metrics', { headers });
      expect(r.status()).toBe(401);
      expect(r.headers()['content-type']).toMatch(/^application\/problem\+json/);
    }
    const forged = await request.get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9', 'x-clcplus-forwarded': '0' } });
    expect(forged.status()).toBe(401);
  });

  test('the worker exports its metrics on its health port', async ({ request }) => {
    const port = env.WORKER_HEALTH_PORT;
    const r = await request.get(`http://127.0.0.1:${port}/metrics`);
    expect(r.status()).toBe(200);
    expect(await r.text()).toMatch(/^clcplus_queue_jobs\{queue="tasks",state="waiting"\} \d+/m);
  });
});
