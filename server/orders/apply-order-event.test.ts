/**
 * The status manager: allowed transitions only, idempotent, order row and event in one transaction with the
 * lifecycle timestamps, every change published on Redis.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { createRedis } from '../redis/client';
import { env } from '../env.js';
import { type AppError } from '../errors';
import { applyOrderEvent, orderChannel, type OrderChange } from './apply-order-event';

const t = useTestDatabase();
const r = useTestRedis();
const subscriber = createRedis(env.REDIS_URL);
const published: OrderChange[] = [];
let serviceId: string;

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  [{ id: serviceId }] = (await t.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product'))) as [
    { id: string },
  ];
  await subscriber.subscribe(orderChannel(r.prefix));
  subscriber.on('message', (_ch, msg) => published.push(JSON.parse(msg)));
});
afterAll(() => subscriber.quit());

const deps = () => ({ db: t.db, redis: r.redis, channelPrefix: r.prefix });
const newOrder = async () => (await t.db.insert(orders).values({ serviceId, params: {} }).returning({ id: orders.id }))[0]!.id;
const apply = (
  orderId: string,
  status: Parameters<typeof applyOrderEvent>[1]['status'],
  extra: Partial<Parameters<typeof applyOrderEvent>[1]> = {},
) => applyOrderEvent(deps(), { orderId, status, source: 'test', ...extra });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: AppError) => `${e.code}:${e.reason ?? ''}`,
  );

describe('status manager', () => {
  it('walks RECEIVED → QUEUED → RUNNING → SUCCESS with timestamps, events and publications', async () => {
    const id = await newOrder();
    await apply(id, 'QUEUED');
    await apply(id, 'RUNNING', { progress: 5 });
    await apply(id, 'RUNNING', { progress: 60 });
    await apply(id, 'SUCCESS', { result: { sha256: 'a'.repeat(64) } });
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ status: 'SUCCESS', progress: 100, result: { sha256: 'a'.repeat(64) } });
    expect(o!.queuedAt).not.toBeNull();
    expect(o!.startedAt!.getTime()).toBeGreaterThanOrEqual(o!.queuedAt!.getTime());
    expect(o!.stoppedAt!.getTime()).toBeGreaterThanOrEqual(o!.startedAt!.getTime());
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id));
    expect(events.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['RECEIVED→QUEUED', 'QUEUED→RUNNING', 'RUNNING→SUCCESS']);
    await until(async () => published.filter((p) => p.orderId === id).length >= 4, 5_000);
    expect(published.filter((p) => p.orderId === id).map((p) => [p.to, p.progress])).toEqual([
      ['QUEUED', 0],
      ['RUNNING', 5],
      ['RUNNING', 60],
      ['SUCCESS', 100],
    ]);
  });

  it('is idempotent: a replayed event changes nothing and adds no event row', async () => {
    const id = await newOrder();
    expect((await apply(id, 'QUEUED')).changed).toBe(true);
    expect((await apply(id, 'QUEUED')).changed).toBe(false);
    expect(await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id))).toHaveLength(1);
  });

  it('refuses illegal transitions and changes nothing', async () => {
    const id = await newOrder();
    expect(await codeOf(apply(id, 'RUNNING'))).toBe('CONFLICT:ILLEGAL_TRANSITION');
    expect(await codeOf(apply(id, 'SUCCESS', { result: {} }))).toBe('CONFLICT:ILLEGAL_TRANSITION');
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o!.status).toBe('RECEIVED');
  });

  it('refuses a SUCCESS whose package is not the shape orders.result promises (OrderResult), changing nothing', async () => {
    const id = await newOrder();
    await apply(id, 'QUEUED');
    await apply(id, 'RUNNING');
    const bad = apply(id, 'SUCCESS', { result: { package: { packageId: 'p', fileName: 'x.zip', bytes: '12' } } as never });
    await expect(bad).rejects.toThrow(/package/);
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o!.status).toBe('RUNNING');
    const pkg = { packageId: 'p', fileName: 'x.zip', bytes: 12, sha256: 'a'.repeat(64), expiresAt: '2026-01-08T00:00:00.000Z' };
    await apply(id, 'SUCCESS', { result: { extract: { files: 1 }, package: pkg } });
    const [done] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(done!.result).toEqual({ extract: { files: 1 }, package: pkg });
  });

  it('aborts from any non-final state, never from a final one', async () => {
    for (const path of [[], ['QUEUED'], ['QUEUED', 'RUNNING']] as const) {
      const id = await newOrder();
      for (const s of path) await apply(id, s);
      expect((await apply(id, 'ABORTED', { message: 'cancelled by the client' })).to).toBe('ABORTED');
      expect(await codeOf(apply(id, 'RUNNING'))).toBe('CONFLICT:ORDER_FINAL');
    }
  });

  it('never stops or starts an order before it was received (millisecond clock vs the database clock)', async () => {
    // The database stamps receipt in microseconds, JS in milliseconds: an abort in the same millisecond, or a web
    // host whose clock is a little behind, must still write a consistent row.
    const behind = () => new Date(Date.now() - 60_000);
    const aborted = await newOrder();
    await applyOrderEvent({ ...deps(), now: behind }, { orderId: aborted, status: 'ABORTED', source: 'test' });
    const ran = await newOrder();
    await apply(ran, 'QUEUED');
    await applyOrderEvent({ ...deps(), now: behind }, { orderId: ran, status: 'RUNNING', source: 'test' });
    for (const id of [aborted, ran]) {
      const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
      expect((o!.stoppedAt ?? o!.startedAt)!.getTime()).toBe(o!.receivedAt.getTime());
    }
  });

  it('records why an order failed, and wants a reason for FAILED/INVALID and a result for SUCCESS', async () => {
    const id = await newOrder();
    expect(await codeOf(apply(id, 'INVALID'))).toBe('VALIDATION:');
    await apply(id, 'INVALID', { error: { code: 'NO_DATA', message: 'the product does not cover this area' } });
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ status: 'INVALID', errorCode: 'NO_DATA', errorMessage: 'the product does not cover this area' });
    expect(await codeOf(apply(await newOrder(), 'SUCCESS'))).toBe('VALIDATION:');
  });

  it('never lowers progress, and refuses unknown orders', async () => {
    const id = await newOrder();
    await apply(id, 'QUEUED');
    await apply(id, 'RUNNING', { progress: 50 });
    await apply(id, 'RUNNING', { progress: 20 });
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o!.progress).toBe(50);
    expect(await codeOf(apply('00000000-0000-4000-8000-000000000000', 'QUEUED'))).toBe('NOT_FOUND:');
  });

  it('serialises concurrent events on one order (row lock): one transition wins, the rest are no-ops', async () => {
    const id = await newOrder();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => apply(id, 'QUEUED')));
    const changed = results.filter((x) => x.status === 'fulfilled' && x.value.changed);
    expect(changed).toHaveLength(1);
    expect(await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id))).toHaveLength(1);
  });
});
