/**
 * Webhooks over HTTP against web + worker: a client registers its webhook (the secret shown once), pings it, places
 * a real get_product order with a callback_url, and receives order.running and order.succeeded at both, signed —
 * verified with the independent `standardwebhooks` package — carrying the order status as GET
 * /v1/services/order_status/{id} shows it; the deliveries list shows each attempt, to its owner only. Unsafe
 * destinations and bad fields are refused with a problem naming the field, nothing written. The receiver runs in
 * this spec on 127.0.0.1, which the e2e servers allow (WEBHOOK_ALLOWED_HOSTS, playwright.config.ts).
 */
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { clientToken } from '~/playwright/fixtures/cli';
import { useHookReceiver, type Received } from '~/playwright/fixtures/hook-receiver';

const hooks = useHookReceiver();
const received = hooks.received;

// Central Vienna, about 1.5 km × 1 km, inside the demo store.
const AOI = [16.36, 48.2, 16.38, 48.21];

type Message = { type: string; timestamp: string; data: Record<string, unknown> };
const verify = (secret: string, m: Received) =>
  new Webhook(secret).verify(m.body, {
    'webhook-id': m.headers['webhook-id']!,
    'webhook-timestamp': m.headers['webhook-timestamp']!,
    'webhook-signature': m.headers['webhook-signature']!,
  }) as Message;

test.describe('webhooks', () => {
  test.describe.configure({ timeout: 120_000 });

  test('register, ping, and receive order.running and order.succeeded of a real order, signed', async ({ request }) => {
    const { headers } = await clientToken(request, 'get_product');
    const put = await request.put('/v1/webhooks', { headers, data: { url: `${hooks.base}/hook` } });
    expect(put.status()).toBe(201);
    const { secret, ...webhook } = await put.json();
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ url: `${hooks.base}/hook`, enabled: true });
    expect(JSON.stringify(await (await request.get('/v1/webhooks', { headers })).json())).not.toContain('whsec_');

    const ping = await request.post('/v1/webhooks/test', { headers });
    expect(ping.status()).toBe(200);
    expect(await ping.json()).toMatchObject({ event_type: 'ping', state: 'delivered', attempts: [{ status_code: 204 }] });
    expect(
      verify(
        secret,
        received.find((m) => m.path === '/hook')!,
      ).type,
    ).toBe('ping');

    const accepted = await request.post('/v1/products/get_product', {
      headers,
      data: { product: 'Raster', aoi: AOI, callback_url: `${hooks.base}/cb?ref=e2e` },
    });
    expect(accepted.status()).toBe(202);
    const { order_id: orderId, links } = await accepted.json();

    const of = (path: string) =>
      received
        .filter((m) => m.path === path)
        .map((m) => ({ m, msg: verify(secret, m) }))
        .filter(({ msg }) => msg.data.order_id === orderId);
    await expect
      .poll(
        () =>
          of('/hook')
            .map(({ msg }) => msg.type)
            .sort(),
        { timeout: 90_000 },
      )
      .toEqual(['order.running', 'order.succeeded']);
    await expect
      .poll(
        () =>
          of('/cb?ref=e2e')
            .map(({ msg }) => msg.type)
            .sort(),
        { timeout: 30_000 },
      )
      .toEqual(['order.running', 'order.succeeded']);

    const status = await (await request.get(links.href, { headers })).json();
    expect(status).toMatchObject({ status: 'SUCCESS', result: expect.stringMatching(/\/downloads\//) });
    for (const path of ['/hook', '/cb?ref=e2e']) {
      const messages = of(path);
      const succeeded = messages.find(({ msg }) => msg.type === 'order.succeeded')!;
      // The same JSON as the status endpoint's, download link included.
      expect(succeeded.msg.data).toEqual(status);
      const running = messages.find(({ msg }) => msg.type === 'order.running')!;
      expect(running.msg.data).toMatchObject({ order_id: orderId, status: 'RUNNING', result: null, stopped_at: null });
      expect(succeeded.m.headers['webhook-id']).not.toBe(running.m.headers['webhook-id']);
    }

    const list = await (await request.get(`/v1/webhooks/deliveries?order_id=${orderId}`, { headers })).json();
    expect(
      list.deliveries
        .map((d: { channel: string; event_type: string; state: string; attempts: { status_code: number }[] }) =>
          [d.channel, d.event_type, d.state, d.attempts.map((a) => a.status_code).join()].join(' '),
        )
        .sort(),
    ).toEqual([
      'callback order.running delivered 204',
      'callback order.succeeded delivered 204',
      'webhook order.running delivered 204',
      'webhook order.succeeded delivered 204',
    ]);
    for (const d of list.deliveries as { message_id: string }[]) {
      expect(received.filter((m) => m.headers['webhook-id'] === d.message_id)).toHaveLength(1);
    }

    // Another client sees none of it.
    const other = await clientToken(request, 'get_product');
    const theirs = await request.get(`/v1/webhooks/deliveries?order_id=${orderId}`, { headers: other.headers });
    expect((await theirs.json()).deliveries).toEqual([]);
    expect((await request.get('/v1/webhooks', { headers: other.headers })).status()).toBe(404);
  });

  test('unsafe destinations and bad fields are refused naming the field; nothing is written', async ({ request }) => {
    const { headers } = await clientToken(request, 'get_product');
    for (const [url, status, detail] of [
      ['https://10.0.0.5/hook', 422, /^url: 10\.0\.0\.5 is a private address/],
      ['http://169.254.169.254/latest/meta-data', 422, /^url: 169\.254\.169\.254 is a link-local address/],
      ['https://[::1]/hook', 422, /^url: ::1 is a loopback address/],
      ['ftp://example.org/hook', 400, /^url: only http\(s\) URLs/],
      ['https://me:pw@example.org/hook', 400, /^url: no user name or password/],
    ] as const) {
      const res = await request.put('/v1/webhooks', { headers, data: { url } });
      expect(res.status(), url).toBe(status);
      expect(res.headers()['content-type']).toBe('application/problem+json');
      expect((await res.json()).detail).toMatch(detail);
    }
    const bad = await request.put('/v1/webhooks', { headers, data: { url: `${hooks.base}/x`, events: ['order.maybe'] } });
    expect([bad.status(), (await bad.json()).detail]).toEqual([400, expect.stringMatching(/^events\.0: one of/)]);
    expect((await request.get('/v1/webhooks', { headers })).status()).toBe(404);

    // An order's callback_url: refused before anything is written (no webhook yet, then an unsafe destination).
    const order = (callback_url: string) =>
      request.post('/v1/products/get_product', { headers, data: { product: 'Raster', aoi: AOI, callback_url } });
    const noWebhook = await order(`${hooks.base}/cb`);
    expect([noWebhook.status(), (await noWebhook.json()).detail]).toEqual([
      422,
      expect.stringMatching(/^callback_url: register a webhook first/),
    ]);
    expect((await request.put('/v1/webhooks', { headers, data: { url: `${hooks.base}/hook` } })).status()).toBe(201);
    const unsafe = await order('https://192.168.0.10/cb');
    expect([unsafe.status(), (await unsafe.json()).detail]).toEqual([
      422,
      expect.stringMatching(/^callback_url: 192\.168\.0\.10 is a private address/),
    ]);
    const ftp = await order('ftp://example.org/cb');
    expect([ftp.status(), (await ftp.json()).detail]).toEqual([400, expect.stringMatching(/^callback_url: only http\(s\) URLs/)]);
    const orders = await (await request.get('/v1/orders', { headers })).json();
    expect(orders.orders).toEqual([]);
  });
});
