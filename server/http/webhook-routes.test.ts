/**
 * The webhook routes (webhook-routes.ts) as the route handlers run them, errors mapped to problem+json as
 * withApiClient does: happy paths (the secret shown on creation and rotation only, never stored or audited in clear),
 * bad input on every write path (400/415/422 naming the field, nothing written), owner scoping (another client's
 * webhook and deliveries are a 404 or nothing; an admin names a client with ?client_id=). Destinations here are
 * checked against the process's own configuration (no allow-list): private addresses are refused.
 */
import { and, count, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notificationDeliveries, orders, services, webhookEndpoints } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import type { Caller } from '~/server/auth/verify-access-token';
import { open } from '~/server/auth/secret-box';
import { createClient } from '~/server/clients/create-client';
import type { AppDeps } from '~/server/deps';
import { createQueues } from '~/server/queue/enqueue';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { problemResponse } from './problem';
import {
  deleteWebhookRoute,
  getWebhookRoute,
  listDeliveriesRoute,
  rotateWebhookSecretRoute,
  saveWebhookRoute,
  testWebhookRoute,
} from './webhook-routes';
import type { ApiHandlerArgs } from './with-api-client';

const t = useTestDatabase();
const r = useTestRedis();
const ENCRYPTION_KEY = 'w'.repeat(40);
const PUBLIC = 'https://93.184.215.14/hooks/clcplus?token=abc';
let deps: AppDeps;
const callers: Record<'a' | 'b' | 'admin', Caller> = {} as never;

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  deps = { db: t.db, queues: createQueues(r.redis, r.prefix), auth: { encryptionKey: ENCRYPTION_KEY } } as unknown as AppDeps;
  for (const [name, scopes] of [
    ['a', ['get_product']],
    ['b', ['user']],
    ['admin', ['admin']],
  ] as const) {
    const { client } = await createClient(t.db, { name, scopes: [...scopes] }, { type: 'system', id: 'test' });
    callers[name] = {
      clientId: client.clientId,
      apiClientId: client.id,
      customerId: client.customerId,
      scopes: [...scopes],
      jti: 'test',
      subject: client.clientId,
      issuer: 'http://issuer.test',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
  }
});

type Handler = (a: ApiHandlerArgs) => Promise<Response>;
async function call(
  handler: Handler,
  caller: Caller,
  path: string,
  init: { method?: string; body?: unknown; raw?: string; type?: string } = {},
) {
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const req = new Request(`http://api.test${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'PUT'),
    headers: body === undefined ? {} : { 'content-type': init.type ?? 'application/json' },
    body,
  });
  let res: Response;
  try {
    res = await handler({ req, deps, caller, requestId: 'test-request', ip: '127.0.0.1', params: {} });
  } catch (e) {
    res = problemResponse(e, { requestId: 'test-request', instance: new URL(req.url).pathname });
  }
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

const written = async () => ({
  endpoints: (await t.db.select({ n: count() }).from(webhookEndpoints))[0]!.n,
  audit: (await t.db.select({ n: count() }).from(auditLog).where(like(auditLog.action, 'webhook.%')))[0]!.n,
  url: (await t.db.select({ url: webhookEndpoints.url }).from(webhookEndpoints)).map((e) => e.url).sort(),
});

describe('PUT, GET, rotate, DELETE /v1/webhooks', () => {
  let secret: string;

  it('registers a webhook: 201 with the secret, shown once; GET and a replacement never show it', async () => {
    const created = await call(saveWebhookRoute, callers.a, '/v1/webhooks', { body: { url: PUBLIC } });
    expect(created.status).toBe(201);
    secret = created.json!.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.json).toMatchObject({
      client_id: callers.a.clientId,
      url: PUBLIC,
      events: ['order.running', 'order.succeeded', 'order.failed', 'order.invalid', 'order.aborted'],
      enabled: true,
    });
    const got = await call(getWebhookRoute, callers.a, '/v1/webhooks');
    expect(got.status).toBe(200);
    expect(got.text).not.toContain('whsec_');
    expect(got.json).not.toHaveProperty('secret');
    const replaced = await call(saveWebhookRoute, callers.a, '/v1/webhooks', {
      body: { url: PUBLIC, events: ['order.succeeded', 'order.succeeded'] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ events: ['order.succeeded'] });
    expect(replaced.text).not.toContain('whsec_');
    // Stored sealed (we sign with it, so it is encrypted, not hashed); audited without it, and without the URL's path.
    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, callers.a.apiClientId));
    expect(row!.secretSealed).not.toContain(secret.slice(6, 20));
    expect(open(row!.secretSealed, ENCRYPTION_KEY)).toBe(secret);
    const audit = await t.db.select().from(auditLog).where(like(auditLog.action, 'webhook.%'));
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.replaced']);
    expect(JSON.stringify(audit)).not.toMatch(/whsec_|token=abc|hooks\/clcplus/);
    expect(audit[0]!.details).toMatchObject({ origin: 'https://93.184.215.14' });
  });

  it('rotates the secret: a new one, shown once; the old one signs beside it for a day', async () => {
    const rotated = await call(rotateWebhookSecretRoute, callers.a, '/v1/webhooks/rotate_secret', { method: 'POST' });
    expect(rotated.status).toBe(200);
    expect(rotated.json!.secret).toMatch(/^whsec_/);
    expect(rotated.json!.secret).not.toBe(secret);
    const overlap = Date.parse(rotated.json!.previous_secret_expires_at as string) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    const [last] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'webhook.secret_rotated'));
    expect(JSON.stringify(last)).not.toContain('whsec_');
  });

  it.each([
    ['no JSON content type', { raw: 'url=x', type: 'application/x-www-form-urlencoded' }, 415, /JSON/],
    ['broken JSON', { raw: '{"url":' }, 400, /not valid JSON/],
    ['no url', { body: {} }, 400, /^url: /],
    ['url not a string', { body: { url: 42 } }, 400, /^url: /],
    ['an ftp:// url', { body: { url: 'ftp://example.org/hook' } }, 400, /^url: only http\(s\) URLs/],
    ['credentials in the url', { body: { url: 'https://me:pw@example.org/hook' } }, 400, /^url: no user name or password/],
    ['an unknown event', { body: { url: PUBLIC, events: ['order.exploded'] } }, 400, /^events\.0: one of order\.running/],
    ['an unknown field', { body: { url: PUBLIC, secret: 'mine' } }, 400, /^secret: not a field here/],
    [
      '127.0.0.1 (no allow-list here)',
      { body: { url: 'http://127.0.0.1:8080/hook' } },
      422,
      /^url: 127\.0\.0\.1 is a loopback address/,
    ],
    ['a private 10.x address', { body: { url: 'https://10.0.0.5/hook' } }, 422, /^url: 10\.0\.0\.5 is a private address/],
    [
      'the cloud metadata address',
      { body: { url: 'http://169.254.169.254/latest' } },
      422,
      /^url: 169\.254\.169\.254 is a link-local address/,
    ],
    ['[::1]', { body: { url: 'https://[::1]/hook' } }, 422, /^url: ::1 is a loopback address/],
    ['localhost', { body: { url: 'https://localhost/hook' } }, 422, /^url: localhost resolves to .*, a loopback address/],
    ['plain http to a public host', { body: { url: 'http://93.184.215.14/hook' } }, 422, /^url: use https/],
  ])('PUT with %s: refused naming the field; nothing written', async (_what, init, status, detail) => {
    for (const caller of [callers.a, callers.b]) {
      const before = await written();
      const res = await call(saveWebhookRoute, caller, '/v1/webhooks', init);
      expect(res.status).toBe(status);
      expect(res.type).toBe('application/problem+json');
      expect(res.json!.detail).toMatch(detail);
      expect(await written()).toEqual(before);
    }
  });

  it('refuses unknown query parameters and another client named by a non-admin (404, nothing written)', async () => {
    const before = await written();
    const bogus = await call(saveWebhookRoute, callers.b, '/v1/webhooks?bogus=1', { body: { url: PUBLIC } });
    expect([bogus.status, bogus.json!.detail]).toEqual([400, 'bogus: not a field here (Unrecognized key: "bogus")']);
    const other = await call(saveWebhookRoute, callers.b, `/v1/webhooks?client_id=${callers.a.clientId}`, {
      body: { url: PUBLIC },
    });
    expect([other.status, other.json!.detail]).toEqual([404, `client_id: no client ${callers.a.clientId}`]);
    expect((await call(getWebhookRoute, callers.b, `/v1/webhooks?client_id=${callers.a.clientId}`)).status).toBe(404);
    expect(
      (await call(deleteWebhookRoute, callers.b, `/v1/webhooks?client_id=${callers.a.clientId}`, { method: 'DELETE' })).status,
    ).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('a client without a webhook gets 404 from GET, DELETE, rotate_secret and test', async () => {
    for (const [h, method] of [
      [getWebhookRoute, 'GET'],
      [deleteWebhookRoute, 'DELETE'],
      [rotateWebhookSecretRoute, 'POST'],
      [testWebhookRoute, 'POST'],
    ] as const) {
      const res = await call(h, callers.b, '/v1/webhooks', { method });
      expect([res.status, res.json!.detail]).toEqual([
        404,
        `client ${callers.b.clientId} has no webhook (PUT /v1/webhooks registers one)`,
      ]);
    }
  });

  it("an admin manages another client's webhook with ?client_id=", async () => {
    const q = `?client_id=${callers.b.clientId}`;
    const created = await call(saveWebhookRoute, callers.admin, `/v1/webhooks${q}`, {
      body: { url: PUBLIC, events: ['order.failed'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ client_id: callers.b.clientId, events: ['order.failed'] });
    expect((await call(getWebhookRoute, callers.b, '/v1/webhooks')).json).toMatchObject({ events: ['order.failed'] });
    const unknown = await call(getWebhookRoute, callers.admin, '/v1/webhooks?client_id=nobody');
    expect(unknown.status).toBe(404);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, callers.b.clientId), like(auditLog.action, 'webhook.%')));
    expect(audit).toMatchObject({ action: 'webhook.created', actorId: callers.admin.clientId });
  });

  it('DELETE removes it (204) and fails its pending deliveries; then GET is a 404', async () => {
    const [{ id: serviceId }] = (await t.db
      .select({ id: services.id })
      .from(services)
      .where(eq(services.name, 'get_product'))) as [{ id: string }];
    const [o] = await t.db.insert(orders).values({ serviceId, apiClientId: callers.b.apiClientId, params: {} }).returning();
    const [d] = await t.db
      .insert(notificationDeliveries)
      .values({
        apiClientId: callers.b.apiClientId,
        orderId: o!.id,
        channel: 'webhook',
        eventType: 'order.failed',
        destination: PUBLIC,
        payload: { type: 'order.failed', timestamp: new Date().toISOString(), data: {} },
        nextAttemptAt: new Date(),
      })
      .returning();
    const res = await call(deleteWebhookRoute, callers.b, '/v1/webhooks', { method: 'DELETE' });
    expect([res.status, res.text]).toEqual([204, '']);
    expect((await call(getWebhookRoute, callers.b, '/v1/webhooks')).status).toBe(404);
    const [after] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, d!.id));
    expect(after).toMatchObject({ state: 'failed', nextAttemptAt: null, lastError: 'the webhook was removed' });
  });
});

describe('GET /v1/webhooks/deliveries', () => {
  it.each([
    ['order_id=nope', /^order_id: an order id/],
    ['limit=0', /^limit: /],
    ['limit=101', /^limit: /],
    ['cursor=***', /^cursor: the next_cursor of a previous page/],
    ['cursor=bm9wZQ', /^cursor: not a cursor of this list/],
    ['status=failed', /^status: not a field here/],
  ])('refuses ?%s (400 naming it)', async (query, detail) => {
    const res = await call(listDeliveriesRoute, callers.a, `/v1/webhooks/deliveries?${query}`);
    expect(res.status).toBe(400);
    expect(res.json!.detail).toMatch(detail);
  });

  it("shows a client its own deliveries only; an admin sees another's with ?client_id=", async () => {
    const mine = await call(listDeliveriesRoute, callers.b, '/v1/webhooks/deliveries');
    expect(mine.status).toBe(200);
    expect((mine.json!.deliveries as unknown[]).length).toBe(1);
    expect(mine.json).toMatchObject({ next_cursor: null, links: { next: null } });
    const theirs = await call(listDeliveriesRoute, callers.a, '/v1/webhooks/deliveries');
    expect(theirs.json!.deliveries).toEqual([]);
    const orderId = (mine.json!.deliveries as { order_id: string }[])[0]!.order_id;
    expect((await call(listDeliveriesRoute, callers.a, `/v1/webhooks/deliveries?order_id=${orderId}`)).json!.deliveries).toEqual(
      [],
    );
    expect((await call(listDeliveriesRoute, callers.a, `/v1/webhooks/deliveries?client_id=${callers.b.clientId}`)).status).toBe(
      404,
    );
    const admin = await call(
      listDeliveriesRoute,
      callers.admin,
      `/v1/webhooks/deliveries?client_id=${callers.b.clientId}&order_id=${orderId}`,
    );
    expect((admin.json!.deliveries as unknown[]).length).toBe(1);
  });
});
