/**
 * Notifications end to end below the HTTP layer, on a real database, Redis, HTTP receiver and SMTP server: the
 * status manager writes the outbox in its transaction (RUNNING once, final states), the sender signs per Standard
 * Webhooks (verified with the independent `standardwebhooks` package), retries on the schedule with the same
 * webhook-id, records every attempt, stops on 410 (disabling the webhook) or after 24 h; callbacks, rotation, the
 * ping, the sweep, owner scoping of the deliveries list, and the e-mail of a final state.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, count, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  notificationAttempts,
  notificationDeliveries,
  orders,
  packages,
  services,
  webhookEndpoints,
  type NotificationDelivery,
} from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import type { Caller } from '~/server/auth/verify-access-token';
import { createClient } from '~/server/clients/create-client';
import type { AppError } from '~/server/errors';
import { insertOrders } from '~/server/orders/accept-orders';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { deliverNotification, type DeliverDeps } from './deliver-notification';
import { messageIdOf } from './events';
import { listDeliveries } from './list-deliveries';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { saveWebhook } from './save-webhook';
import { parseAllowList, type NotificationSettings } from './settings';
import { sweepNotifications } from './sweep-notifications';
import { testWebhook } from './test-webhook';
import type { WebhookOwner } from './webhook-owner';

const t = useTestDatabase();
const r = useTestRedis();
const ENCRYPTION_KEY = 'e'.repeat(40);
const SYSTEM = { type: 'system' as const, id: 'test' };

// A receiver on 127.0.0.1 that answers the statuses queued in `answers` (then 200) and records every request.
type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
const answers: number[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    received.push({ path: req.url ?? '', headers: req.headers, body });
    res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('thanks');
  });
});
let base = '';

// A real SMTP server (smtp-server) with authentication, collecting what it is sent.
type Mail = { from: string; to: string[]; raw: string; user: string | undefined };
const mails: Mail[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  onAuth: (auth, _session, cb) =>
    auth.username === 'mailer' && auth.password === 'p@ss:word' ? cb(null, { user: auth.username }) : cb(new Error('bad login')),
  onData: (stream, session, cb) => {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (raw += c));
    stream.on('end', () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((a) => a.address),
        raw,
        user: session.user as string | undefined,
      });
      cb();
    });
  },
});
let smtpPort = 0;

let queues: Queues;
let serviceId: string;
const owners: Record<'a' | 'b' | 'mail', WebhookOwner & { caller: Caller }> = {} as never;

const settings = (mail = false): NotificationSettings => ({
  allowList: parseAllowList('127.0.0.1'),
  mail: mail
    ? { url: `smtp://mailer:${encodeURIComponent('p@ss:word')}@127.0.0.1:${smtpPort}`, from: 'CLC+ <noreply@clcplus.test>' }
    : null,
  timeoutMs: 5_000,
});
const deps = (now = new Date(), mail = false): DeliverDeps => ({
  db: t.db,
  settings: settings(mail),
  encryptionKey: ENCRYPTION_KEY,
  links: { baseUrl: 'http://api.test', signingKey: 's'.repeat(40) },
  enqueue: queues.enqueue,
  now: () => now,
});
const status = (orderId: string, s: Parameters<typeof applyOrderEvent>[1]['status'], extra: object = {}, mail = false) =>
  applyOrderEvent(
    { db: t.db, enqueue: queues.enqueue, notifications: settings(mail) },
    { orderId, status: s, source: 'test', ...extra },
  );

const newOrder = async (owner: WebhookOwner, callbackUrl?: string) =>
  (
    await t.db
      .insert(orders)
      .values({ serviceId, apiClientId: owner.apiClientId, params: {}, callbackUrl: callbackUrl ?? null })
      .returning({ id: orders.id })
  )[0]!.id;
const deliveriesOf = (orderId: string) =>
  t.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.orderId, orderId))
    .orderBy(asc(notificationDeliveries.createdAt));
const attemptsOf = (id: string) =>
  t.db
    .select()
    .from(notificationAttempts)
    .where(eq(notificationAttempts.deliveryId, id))
    .orderBy(asc(notificationAttempts.attempt));
const register = (owner: WebhookOwner, path: string, events?: ('order.running' | 'order.succeeded' | 'order.failed')[]) =>
  saveWebhook({ db: t.db, settings: settings(), encryptionKey: ENCRYPTION_KEY }, SYSTEM, owner, {
    url: `${base}${path}`,
    ...(events ? { events } : {}),
  });
/** Verifies a received request with the independent implementation; returns the parsed body. */
const verified = (secret: string, m: Received) =>
  new Webhook(secret).verify(m.body, {
    'webhook-id': String(m.headers['webhook-id']),
    'webhook-timestamp': String(m.headers['webhook-timestamp']),
    'webhook-signature': String(m.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };

beforeAll(async () => {
  await new Promise<void>((res) => receiver.listen(0, '127.0.0.1', res));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await new Promise<void>((res) => smtp.listen(0, '127.0.0.1', res));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  [{ id: serviceId }] = (await t.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product'))) as [
    { id: string },
  ];
  queues = createQueues(r.redis, r.prefix);
  for (const name of ['a', 'b', 'mail'] as const) {
    const { client } = await createClient(
      t.db,
      { name: `client ${name}`, scopes: ['get_product'], customer: { name: `customer ${name}`, email: `${name}@customer.test` } },
      SYSTEM,
    );
    owners[name] = {
      apiClientId: client.id,
      clientId: client.clientId,
      caller: {
        clientId: client.clientId,
        apiClientId: client.id,
        customerId: client.customerId,
        scopes: ['get_product'],
        jti: 'test',
        subject: client.clientId,
        issuer: 'http://issuer.test',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    };
  }
});
afterAll(async () => {
  receiver.close();
  await new Promise<void>((res) => smtp.close(() => res()));
  await queues.close();
});
beforeEach(() => {
  received.length = 0;
  answers.length = 0;
});

describe('order notifications', () => {
  let secret: string;
  let orderId: string;

  it('writes the outbox with the event: RUNNING once (not on progress), every final state; nothing for QUEUED', async () => {
    secret = (await register(owners.a, '/hook')).secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    orderId = await newOrder(owners.a);
    await status(orderId, 'QUEUED');
    expect(await deliveriesOf(orderId)).toHaveLength(0);
    await status(orderId, 'RUNNING', { progress: 5 });
    await status(orderId, 'RUNNING', { progress: 50 });
    const [running] = await deliveriesOf(orderId);
    expect(await deliveriesOf(orderId)).toHaveLength(1);
    expect(running).toMatchObject({ channel: 'webhook', eventType: 'order.running', state: 'pending', attempts: 0 });
    expect(running!.payload).toMatchObject({
      type: 'order.running',
      data: { order_id: orderId, status: 'RUNNING', result: null },
    });
    // Handed to the sender after the commit.
    expect(await queues.get('notifications').getJob(`notify.${running!.id}.0`)).toBeTruthy();

    const [pkg] = await t.db
      .insert(packages)
      .values({
        orderId,
        fileName: 'x.zip',
        storageKey: 'x',
        bytes: 10,
        sha256: 'a'.repeat(64),
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      .returning();
    const result = {
      package: {
        packageId: pkg!.id,
        fileName: 'x.zip',
        bytes: 10,
        sha256: 'a'.repeat(64),
        expiresAt: pkg!.expiresAt!.toISOString(),
      },
    };
    await status(orderId, 'SUCCESS', { result });
    const all = await deliveriesOf(orderId);
    expect(all.map((d) => d.eventType)).toEqual(['order.running', 'order.succeeded']);
    // The snapshot is of the event; the download link is signed when sent, never stored.
    expect(all[1]!.payload.data).toMatchObject({
      status: 'SUCCESS',
      progress: 100,
      result: null,
      package: { file_name: 'x.zip' },
    });
  });

  it('delivers signed messages; retries after two failures with the same webhook-id; records every attempt', async () => {
    const [running, succeeded] = (await deliveriesOf(orderId)) as [NotificationDelivery, NotificationDelivery];
    expect(await deliverNotification(deps(), running.id)).toMatchObject({ state: 'delivered', attempt: 1, statusCode: 200 });
    expect(verified(secret, received[0]!)).toMatchObject({
      type: 'order.running',
      data: { order_id: orderId, status: 'RUNNING' },
    });

    answers.push(500, 500);
    const t0 = new Date();
    const first = await deliverNotification(deps(t0), succeeded.id);
    expect(first).toMatchObject({ state: 'pending', attempt: 1, statusCode: 500 });
    const delay1 = Date.parse(first.nextAttemptAt!) - t0.getTime();
    expect(delay1).toBeGreaterThanOrEqual(24_000);
    expect(delay1).toBeLessThanOrEqual(36_000);
    // The next attempt is queued, delayed; an early call finds nothing due.
    const job = await queues.get('notifications').getJob(`notify.${succeeded.id}.1`);
    expect(await job?.getState()).toBe('delayed');
    expect(await deliverNotification(deps(new Date(t0.getTime() + 5_000)), succeeded.id)).toEqual({ state: 'skipped' });

    const t1 = new Date(first.nextAttemptAt!);
    const second = await deliverNotification(deps(t1), succeeded.id);
    expect(second).toMatchObject({ state: 'pending', attempt: 2, statusCode: 500 });
    const delay2 = Date.parse(second.nextAttemptAt!) - t1.getTime();
    expect(delay2).toBeGreaterThanOrEqual(96_000);
    expect(delay2).toBeLessThanOrEqual(144_000);
    const third = await deliverNotification(deps(new Date(second.nextAttemptAt!)), succeeded.id);
    expect(third).toMatchObject({ state: 'delivered', attempt: 3, statusCode: 200, nextAttemptAt: null });

    const tries = received.slice(1);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((m) => m.headers['webhook-id']))).toEqual(new Set([messageIdOf(succeeded.id)]));
    expect(new Set(tries.map((m) => m.headers['webhook-timestamp'])).size).toBe(3);
    for (const m of tries) {
      const body = verified(secret, m);
      expect(body).toMatchObject({ type: 'order.succeeded', data: { order_id: orderId, status: 'SUCCESS', progress: 100 } });
      expect(body.data.result).toMatch(new RegExp(`^http://api\\.test/downloads/${orderId}\\.`));
      expect(m.headers['content-type']).toBe('application/json');
    }
    // Tampering is detected by the same verifier.
    expect(() => verified(secret, { ...tries[0]!, body: tries[0]!.body.replace('SUCCESS', 'FAILED') })).toThrow(/signature/i);

    const attempts = await attemptsOf(succeeded.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.response])).toEqual([
      [1, 500, 'thanks'],
      [2, 500, 'thanks'],
      [3, 200, 'thanks'],
    ]);
    expect(attempts.every((a) => a.durationMs >= 0 && a.durationMs < 5_000)).toBe(true);
    const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, succeeded.id));
    expect(row).toMatchObject({ state: 'delivered', attempts: 3, nextAttemptAt: null, lockedUntil: null, lastError: null });
    // A replayed job finds it done.
    expect(await deliverNotification(deps(new Date(Date.now() + 3_600_000)), succeeded.id)).toEqual({ state: 'skipped' });
  });

  it('lists the deliveries with their attempts to their owner only (another client sees nothing, even by order id)', async () => {
    const mine = await listDeliveries(t.db, owners.a, { order_id: orderId, limit: 20 });
    expect(mine.deliveries.map((d) => [d.event_type, d.state, d.attempts.length])).toEqual([
      ['order.succeeded', 'delivered', 3],
      ['order.running', 'delivered', 1],
    ]);
    expect(mine.deliveries[0]).toMatchObject({
      channel: 'webhook',
      destination: `${base}/hook`,
      message_id: expect.stringMatching(/^msg_/),
    });
    const page1 = await listDeliveries(t.db, owners.a, { order_id: orderId, limit: 1 });
    expect(page1.next_cursor).toBeTruthy();
    const page2 = await listDeliveries(t.db, owners.a, { order_id: orderId, limit: 1, cursor: page1.next_cursor! });
    expect([...page1.deliveries, ...page2.deliveries].map((d) => d.delivery_id)).toEqual(
      mine.deliveries.map((d) => d.delivery_id),
    );
    expect(page2.next_cursor).toBeNull();
    expect((await listDeliveries(t.db, owners.b, { order_id: orderId, limit: 20 })).deliveries).toEqual([]);
    expect((await listDeliveries(t.db, owners.b, { limit: 20 })).deliveries).toEqual([]);
  });

  it('honours the event filter; a rotation signs with both secrets for the overlap', async () => {
    await register(owners.a, '/hook', ['order.failed']);
    const id = await newOrder(owners.a);
    await status(id, 'QUEUED');
    await status(id, 'RUNNING');
    expect(await deliveriesOf(id)).toHaveLength(0);
    const { secret: rotated } = await rotateWebhookSecret({ db: t.db, encryptionKey: ENCRYPTION_KEY }, SYSTEM, owners.a);
    expect(rotated).not.toBe(secret);
    await status(id, 'FAILED', { error: { code: 'BROKEN', message: 'it broke' } });
    const [d] = await deliveriesOf(id);
    expect(await deliverNotification(deps(), d!.id)).toMatchObject({ state: 'delivered' });
    const m = received.at(-1)!;
    expect(String(m.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(rotated, m)).toMatchObject({
      type: 'order.failed',
      data: { error: { code: 'BROKEN', message: 'it broke' } },
    });
    expect(verified(secret, m).type).toBe('order.failed');
    secret = rotated;
  });

  it('410 Gone fails the delivery and disables the webhook; later events are not sent to it; a PUT enables it again', async () => {
    await register(owners.a, '/hook');
    const id = await newOrder(owners.a);
    await status(id, 'QUEUED');
    await status(id, 'RUNNING');
    answers.push(410);
    const [d] = await deliveriesOf(id);
    expect(await deliverNotification(deps(), d!.id)).toMatchObject({ state: 'failed', statusCode: 410, nextAttemptAt: null });
    const [e] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, owners.a.apiClientId));
    expect(e!.disabledAt).not.toBeNull();
    expect(e!.disabledReason).toMatch(/410 Gone/);
    await status(id, 'ABORTED');
    expect(await deliveriesOf(id)).toHaveLength(1);
    const again = await register(owners.a, '/hook');
    expect(again).toMatchObject({ secret: null, webhook: { enabled: true, disabled_at: null } });
  });

  it('gives up 24 h after the first attempt (about 12 attempts, the last at most at 24 h)', async () => {
    const id = await newOrder(owners.a);
    await status(id, 'QUEUED');
    await status(id, 'RUNNING');
    const [d] = await deliveriesOf(id);
    const t0 = Date.now();
    let now = new Date(t0);
    let out;
    for (let i = 0; i < 30; i++) {
      answers.push(503);
      out = await deliverNotification(deps(now), d!.id);
      if (out.state !== 'pending') break;
      now = new Date(out.nextAttemptAt!);
    }
    expect(out).toMatchObject({ state: 'failed', statusCode: 503, error: 'answered 503: thanks' });
    const attempts = await attemptsOf(d!.id);
    expect(attempts.length).toBeGreaterThanOrEqual(10);
    expect(attempts.length).toBeLessThanOrEqual(14);
    expect(attempts.at(-1)!.at.getTime() - t0).toBe(24 * 3600_000);
  });

  it('a ping is sent now, once, signed; the sweep re-enqueues a delivery whose job was lost', async () => {
    const ping = await testWebhook(deps(), owners.a);
    expect(ping).toMatchObject({ event_type: 'ping', state: 'delivered', attempts: [{ attempt: 1, status_code: 200 }] });
    expect(verified(secret, received.at(-1)!)).toMatchObject({ type: 'ping', data: { client_id: owners.a.clientId } });
    answers.push(500);
    expect(await testWebhook(deps(), owners.a)).toMatchObject({
      state: 'failed',
      next_attempt_at: null,
      attempts: [{ status_code: 500 }],
    });

    // An event applied without a queue at hand (the web's abort, say): nothing enqueued, the sweep finds it.
    const id = await newOrder(owners.a);
    await applyOrderEvent({ db: t.db }, { orderId: id, status: 'ABORTED', source: 'test' });
    const [d] = await deliveriesOf(id);
    expect(await queues.get('notifications').getJob(`notify.${d!.id}.0`)).toBeUndefined();
    expect((await sweepNotifications({ db: t.db, enqueue: queues.enqueue, now: new Date() })).requeued).toBe(0); // not overdue yet
    const later = new Date(Date.now() + 60_000);
    expect(await sweepNotifications({ db: t.db, enqueue: queues.enqueue, now: later })).toMatchObject({ requeued: 1 });
    expect(await queues.get('notifications').getJob(`notify.${d!.id}.0.sweep${later.getTime()}`)).toBeTruthy();
  });
});

describe('callback_url', () => {
  const accept = (owner: WebhookOwner, callbackUrl: string) =>
    insertOrders(
      { db: t.db, notifications: settings() },
      { serviceId, apiClientId: owner.apiClientId, maxOpenPerClient: 100, items: [{ params: {}, callbackUrl }] },
    );
  const orderCount = async () => (await t.db.select({ n: count() }).from(orders))[0]!.n;
  const refusedWith = async (run: () => Promise<unknown>) => {
    const before = await orderCount();
    const e = (await run().then(
      () => null,
      (err: AppError) => err,
    ))!;
    expect(await orderCount()).toBe(before);
    return `${e.status} ${e.detail}`;
  };

  it('is refused for unsafe destinations and without a registered webhook; nothing is written', async () => {
    expect(await refusedWith(() => accept(owners.b, 'https://10.0.0.5/cb'))).toMatch(
      /^422 callback_url: 10\.0\.0\.5 is a private address/,
    );
    expect(await refusedWith(() => accept(owners.b, 'http://169.254.169.254/'))).toMatch(
      /^422 callback_url: 169\.254\.169\.254 is a link-local/,
    );
    expect(await refusedWith(() => accept(owners.b, `${base}/cb`))).toMatch(/^422 callback_url: register a webhook first/);
  });

  it('receives every event of its order, signed with the client secret, beside the webhook', async () => {
    const { secret } = await register(owners.b, '/hook-b', ['order.succeeded']);
    const [o] = await accept(owners.b, `${base}/cb?order=1`);
    await status(o!.id, 'QUEUED');
    await status(o!.id, 'RUNNING');
    await status(o!.id, 'INVALID', { error: { code: 'OUTSIDE', message: 'not covered' } });
    const ds = await deliveriesOf(o!.id);
    expect(ds.map((d) => `${d.channel} ${d.eventType}`).sort()).toEqual(['callback order.invalid', 'callback order.running']);
    for (const d of ds) expect(await deliverNotification(deps(), d.id)).toMatchObject({ state: 'delivered' });
    const got = received.filter((m) => m.path === '/cb?order=1');
    expect(got.map((m) => verified(secret!, m).type).sort()).toEqual(['order.invalid', 'order.running']);
  });
});

describe('e-mail', () => {
  /** The text part of a raw message, quoted-printable decoded. */
  const textOf = (raw: string) =>
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

  it('is sent on a final state (not on RUNNING) to the customer, through the configured SMTP server', async () => {
    const id = await newOrder(owners.mail);
    await status(id, 'QUEUED', {}, true);
    await status(id, 'RUNNING', {}, true);
    expect(await deliveriesOf(id)).toHaveLength(0);
    await status(id, 'FAILED', { error: { code: 'EXTRACT_FAILED', message: 'the store file is unreadable' } }, true);
    const [d] = await deliveriesOf(id);
    expect(d).toMatchObject({ channel: 'email', destination: 'mail@customer.test', eventType: 'order.failed' });
    expect(await deliverNotification(deps(new Date(), true), d!.id)).toMatchObject({ state: 'delivered', statusCode: 250 });
    const mail = await until(async () => mails.find((m) => m.raw.includes(id)));
    expect(mail).toMatchObject({ to: ['mail@customer.test'], from: 'noreply@clcplus.test', user: 'mailer' });
    const text = textOf(mail.raw);
    expect(text).toMatch(new RegExp(`^Subject: CLC\\+ Backbone order ${id}: FAILED`, 'm'));
    expect(text).toContain(`Your order ${id} (get_product) failed.`);
    expect(text).toContain('Reason: the store file is unreadable (EXTRACT_FAILED)');
    expect(text).toContain(`Status link: http://api.test/v1/services/order_status/${id}`);
    const [attempt] = await attemptsOf(d!.id);
    expect(attempt).toMatchObject({ attempt: 1, statusCode: 250, error: null });
  });

  it('is not written when SMTP is not configured; a refused login is retried', async () => {
    const id = await newOrder(owners.mail);
    await status(id, 'ABORTED');
    expect(await deliveriesOf(id)).toHaveLength(0);
    const id2 = await newOrder(owners.mail);
    await status(id2, 'ABORTED', {}, true);
    const [d] = await deliveriesOf(id2);
    const wrong: DeliverDeps = {
      ...deps(new Date(), true),
      settings: { ...settings(true), mail: { url: `smtp://mailer:nope@127.0.0.1:${smtpPort}`, from: 'x@clcplus.test' } },
    };
    const out = await deliverNotification(wrong, d!.id);
    expect(out).toMatchObject({ state: 'pending', attempt: 1, error: expect.stringMatching(/EAUTH/) });
    const [row] = await t.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.id, d!.id), eq(notificationDeliveries.state, 'pending')));
    expect(row?.nextAttemptAt).toBeTruthy();
  });
});
