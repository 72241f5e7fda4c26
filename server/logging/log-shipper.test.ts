/**
 * The log shipper loses nothing: batches go to the queue; while the queue refuses, straight into the table (real
 * PostgreSQL); while both refuse, they wait and go once one is back; beyond its bound the oldest are dropped and
 * counted. A process's logger feeds it through the sink, with the order id as the record's order.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { createLogger, setLogSink } from './logger';
import { createLogShipper } from './log-shipper';
import type { LogRecordInput } from './schemas';
import { writeLogs } from './write-logs';

const t = useTestDatabase();
const rec = (i: number): LogRecordInput => ({
  level: 'INFO',
  service: 'shipper-test',
  message: `m${i}`,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
});
const stored = async () =>
  (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from logs where service = 'shipper-test'`))[0]!.n;

afterEach(() => setLogSink(null));

describe('log shipper', () => {
  it('ships batches to the queue, falls back to the table, and keeps what neither takes until one is back', async () => {
    await seedDatabase(t.db, { adminEmail: 'a@example.org' });
    const queued: LogRecordInput[][] = [];
    let redisUp = true;
    let dbUp = true;
    const s = createLogShipper(
      {
        enqueue: (async (_name: string, payload: { records: LogRecordInput[] }) => {
          if (!redisUp) throw new Error('Redis is unavailable');
          queued.push(payload.records);
          return 'job';
        }) as never,
        writeDirect: async (records) => {
          if (!dbUp) throw new Error('PostgreSQL is unavailable');
          return writeLogs(t.db, records);
        },
      },
      { batch: 100, intervalMs: 60_000 },
    );
    for (let i = 0; i < 250; i++) s.push(rec(i));
    await s.flush();
    expect(queued.map((b) => b.length)).toEqual([100, 100, 50]);

    redisUp = false;
    for (let i = 250; i < 400; i++) s.push(rec(i));
    await s.flush();
    expect(await stored()).toBe(150);

    dbUp = false;
    for (let i = 400; i < 520; i++) s.push(rec(i));
    await s.flush();
    expect(s.stats()).toMatchObject({ buffered: 120, shipped: 250, direct: 150, dropped: 0 });
    redisUp = true;
    await s.flush();
    expect(s.stats()).toMatchObject({ buffered: 0, shipped: 370 });
    const all = [
      ...queued.flat().map((r) => r.message),
      ...(await t.db.execute<{ message: string }>(sql`select message from logs where service = 'shipper-test'`)).map(
        (r) => r.message,
      ),
    ];
    expect(new Set(all).size).toBe(520);
    await s.close();
  });

  it('bounds its buffer: the oldest go, counted and said once', async () => {
    const lines: string[] = [];
    const s = createLogShipper(
      {
        enqueue: (async () => {
          throw new Error('down');
        }) as never,
        writeDirect: async () => {
          throw new Error('down');
        },
      },
      { batch: 1000, intervalMs: 60_000, maxBuffered: 50, stderr: (l) => lines.push(l) },
    );
    for (let i = 0; i < 80; i++) s.push(rec(i));
    expect(s.stats()).toMatchObject({ buffered: 50, dropped: 30 });
    expect(lines).toHaveLength(1);
    await s.close();
  });

  it("a logger's records reach the sink at its level, with the order id taken out of the context", () => {
    const got: unknown[] = [];
    setLogSink((r) => got.push(r), 'warn');
    const log = createLogger('engine').child({ orderId: '4a471d75-321d-423a-96ef-532813471068' });
    log.info('not shipped');
    log.warn('shipped', { password: 'x' });
    expect(got).toEqual([
      {
        level: 'warn',
        component: 'engine',
        message: 'shipped',
        context: { orderId: '4a471d75-321d-423a-96ef-532813471068', password: '[redacted]' },
      },
    ]);
  });
});
