/** GET /v1/logging: log records newest first, filtered and paged; admins read all, others only one of their orders'. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { logs, orders, services } from '~/db/schema';
import { GET } from '~/app/v1/logging/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
let mine: string;
let theirs: string;
const get = (query: string, as?: string) => api.call(GET, `/v1/logging${query}`, { as });
const messages = (r: { json: { logs: { message: string }[] } }) => r.json.logs.map((l) => l.message);

beforeAll(async () => {
  const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product'));
  const [a, b] = await api.db
    .insert(orders)
    .values([
      { serviceId: s!.id, apiClientId: api.clients.user!.id, params: {} },
      { serviceId: s!.id, apiClientId: api.clients.other!.id, params: {} },
    ])
    .returning({ id: orders.id });
  mine = a!.id;
  theirs = b!.id;
  await api.db.insert(logs).values([
    { level: 'DEBUG', service: 'get_product', orderId: mine, message: 'm1 debug', at: new Date('2026-12-01T10:00:00Z') },
    { level: 'INFO', service: 'get_product', orderId: mine, message: 'm2 info', at: new Date('2026-12-01T11:00:00Z') },
    {
      level: 'ERROR',
      service: 'worker',
      orderId: mine,
      message: 'm3 error',
      context: { step: 3 },
      at: new Date('2026-12-01T12:00:00Z'),
    },
    { level: 'WARNING', service: 'get_product', orderId: theirs, message: 't1 warning', at: new Date('2026-12-01T11:30:00Z') },
    { level: 'INFO', service: 'worker', message: 'system', at: new Date('2026-12-01T09:00:00Z') },
  ]);
});

describe('GET /v1/logging', () => {
  it('the records of one’s own order, newest first, filtered and paged', async () => {
    const r = await get(`?order_id=${mine}`, 'user');
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(messages(r)).toEqual(['m3 error', 'm2 info', 'm1 debug']);
    expect(r.json.logs[0]).toMatchObject({
      level: 'ERROR',
      service: 'worker',
      order_id: mine,
      context: { step: 3 },
      at: '2026-12-01T12:00:00.000Z',
    });
    expect(r.json.next_cursor).toBeNull();
    expect(messages(await get(`?order_id=${mine}&level=info`, 'user'))).toEqual(['m3 error', 'm2 info']);
    expect(messages(await get(`?order_id=${mine}&service=get_product`, 'user'))).toEqual(['m2 info', 'm1 debug']);
    expect(messages(await get(`?order_id=${mine}&since=2026-12-01T10:30:00Z&until=2026-12-01T12:00:00Z`, 'user'))).toEqual([
      'm2 info',
    ]);
    const p1 = await get(`?order_id=${mine}&limit=2`, 'user');
    expect(messages(p1)).toEqual(['m3 error', 'm2 info']);
    expect(p1.json.next_cursor).toEqual(expect.any(String));
    const p2 = await get(`?order_id=${mine}&limit=2&cursor=${p1.json.next_cursor}`, 'user');
    expect(messages(p2)).toEqual(['m1 debug']);
    expect(p2.json.next_cursor).toBeNull();
  });

  it('an admin reads every record, without order_id', async () => {
    const r = await get('', 'admin');
    expect(r.status, r.text).toBe(200);
    expect(messages(r)).toEqual(['m3 error', 't1 warning', 'm2 info', 'm1 debug', 'system']);
    expect(messages(await get('?level=WARNING', 'admin'))).toEqual(['m3 error', 't1 warning']);
  });

  it('bad input: 400 naming the parameter', async () => {
    for (const [query, detail] of [
      ['?order_id=nope', /^order_id:/],
      [`?order_id=${mine}&level=LOUD`, /^level:/],
      [`?order_id=${mine}&since=yesterday`, /^since:/],
      [`?order_id=${mine}&until=2026-13-01`, /^until:/],
      [`?order_id=${mine}&limit=0`, /^limit:/],
      [`?order_id=${mine}&limit=1001`, /^limit:/],
      [`?order_id=${mine}&cursor=$$$`, /^cursor:/],
      [`?order_id=${mine}&colour=red`, /colour/],
    ] as const) {
      const r = await api.unchanged(() => get(query, 'user'));
      api.expectProblem(r, 400, detail);
    }
  });

  it('another client’s order is 404, no order_id for a non-admin 403, no token 401', async () => {
    api.expectProblem(await get(`?order_id=${theirs}`, 'user'), 404, /^order_id:/);
    api.expectProblem(await get('?order_id=44444444-4444-4444-8444-444444444444', 'user'), 404, /^order_id:/);
    api.expectProblem(await get('', 'user'), 403, /^order_id:/);
    api.expectProblem(await get('', 'stranger'), 403, /^order_id:/);
    api.expectProblem(await get(`?order_id=${mine}`), 401);
  });
});
