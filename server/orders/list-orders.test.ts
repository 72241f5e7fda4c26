/**
 * The order list: owner-scoped (admins see all), filters, and keyset pages that together are exactly the filtered
 * list newest first, ties on the same instant included; bad parameters are refused naming them; the page's ids come
 * from an index-only scan (EXPLAIN on 20,000 orders).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { createClient } from '~/server/clients/create-client';
import { loadUnits } from '~/server/storage/load-units';
import { useTestDatabase } from '~/test/db';
import { listOrders, listOrdersQuery, type ListOrdersQuery } from './list-orders';
import { queryServiceOrders as query, serviceOrderQuery } from './query-service-orders';

const queryServiceOrders = (viewer: { apiClientId: string; admin: boolean }, v: Record<string, unknown>) =>
  query(t.db, viewer, serviceOrderQuery.parse(v));

const t = useTestDatabase();
const clients: { id: string }[] = [];
const q = (v: Record<string, unknown>): ListOrdersQuery => listOrdersQuery.parse(v);

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_780_000, maxY: 2_800_000 });
  for (const name of ['one', 'two']) {
    const { client } = await createClient(t.db, { name, scopes: ['get_product'] }, { type: 'system', id: 'test' });
    clients.push({ id: client.id });
  }
  // 20,000 orders over 2 clients, 3 services, 4 units and 5 statuses; groups of 4 share one instant.
  await t.db.execute(sql`
    insert into orders (service_id, api_client_id, status, params, production_unit_id, received_at, stopped_at, error_code, error_message, result)
    select s.id, c.id, st.status::order_status, jsonb_build_object('n', i), pu.id,
      ts, case when st.status in ('SUCCESS', 'FAILED') then ts + interval '1 minute' end,
      case when st.status = 'FAILED' then 'TASK_FAILED' end, case when st.status = 'FAILED' then 'it broke' end,
      case when st.status = 'SUCCESS' then '{}'::jsonb end
    from generate_series(1, 20000) i
    cross join lateral (select timestamptz '2026-11-01' + (i / 4) * interval '1 minute' as ts) t
    cross join lateral (select id from api_clients where id in (${clients[0]!.id}, ${clients[1]!.id}) order by id offset (i % 2) limit 1) c
    cross join lateral (select id from services where name in ('get_product', 'harmonics', 'ingest_product') order by name offset (i % 3) limit 1) s
    cross join lateral (select (array['RECEIVED','QUEUED','RUNNING','SUCCESS','FAILED'])[1 + i % 5] as status) st
    cross join lateral (select id from production_units order by code offset (i % 4) limit 1) pu`);
  await t.db.execute(sql`vacuum analyze orders`);
});

const all = async (viewer: { apiClientId: string; admin: boolean }, filter: Record<string, unknown>, limit: number) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await listOrders(t.db, viewer, q({ ...filter, limit, ...(cursor ? { cursor } : {}) }));
    ids.push(...page.orders.map((o) => o.order_id));
    if (!page.next_cursor) return ids;
    cursor = page.next_cursor;
  }
  throw new Error('too many pages');
};

const expected = async (where: ReturnType<typeof sql>) =>
  (await t.db.execute<{ id: string }>(sql`select id from orders o where ${where} order by received_at desc, id desc`)).map(
    (r) => r.id,
  );

describe('GET /v1/orders', () => {
  it('pages are exactly the filtered list, newest first, ties included, for an owner and for an admin', async () => {
    const me = { apiClientId: clients[0]!.id, admin: false };
    const [unit] = await t.db.execute<{ code: string; id: number }>(sql`
      select pu.code, pu.id from orders o join production_units pu on pu.id = o.production_unit_id
      where o.api_client_id = ${me.apiClientId} and o.service_id = (select id from services where name = 'harmonics') limit 1`);
    const cases: [Record<string, unknown>, ReturnType<typeof sql>][] = [
      [{}, sql`api_client_id = ${me.apiClientId}`],
      [{ status: 'SUCCESS,failed' }, sql`api_client_id = ${me.apiClientId} and status in ('SUCCESS', 'FAILED')`],
      [
        { service: 'harmonics', unit: unit!.code },
        sql`api_client_id = ${me.apiClientId} and service_id = (select id from services where name = 'harmonics') and production_unit_id = ${unit!.id}`,
      ],
      [
        { since: '2026-11-02T00:00:00Z', until: '2026-11-03T00:00:00+01:00' },
        sql`api_client_id = ${me.apiClientId} and received_at >= '2026-11-02T00:00:00Z' and received_at < '2026-11-03T00:00:00+01:00'`,
      ],
    ];
    for (const [filter, where] of cases) {
      const want = await expected(where);
      expect(want.length).toBeGreaterThan(10);
      expect(await all(me, filter, 97)).toEqual(want);
    }
    // Pages of 3 across groups of 4 orders with the same instant: nothing lost, nothing twice.
    const few = await expected(sql`api_client_id = ${me.apiClientId} and received_at < '2026-11-01T01:00:00Z'`);
    expect(await all(me, { until: '2026-11-01T01:00:00Z' }, 3)).toEqual(few);
    // An admin sees both clients'.
    const admin = await all({ apiClientId: me.apiClientId, admin: true }, { status: 'RUNNING' }, 200);
    expect(admin).toEqual(await expected(sql`status = 'RUNNING'`));
    expect(new Set((await listOrders(t.db, { ...me, admin: true }, q({ limit: 200 }))).orders.map((o) => o.order_id)).size).toBe(
      200,
    );
  });

  it('an item says what a list needs; a failed order carries its error', async () => {
    const page = await listOrders(t.db, { apiClientId: clients[0]!.id, admin: false }, q({ status: 'FAILED', limit: 1 }));
    expect(page.orders[0]).toMatchObject({
      status: 'FAILED',
      error: { code: 'TASK_FAILED', message: 'it broke' },
      unit: expect.stringMatching(/^10kmE\d+N\d+$/),
      links: { status: `/v1/services/order_status/${page.orders[0]!.order_id}` },
    });
    expect(page.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses bad parameters, naming them', async () => {
    const viewer = { apiClientId: clients[0]!.id, admin: false };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ status: 'DONE' }, /status/],
      [{ limit: '500' }, /limit/],
      [{ limit: 'ten' }, /limit/],
      [{ since: 'yesterday' }, /since/],
      [{ colour: 'red' }, /colour/],
    ];
    for (const [v, re] of bad) {
      const r = listOrdersQuery.safeParse(v);
      expect(r.success, JSON.stringify(v)).toBe(false);
      expect(JSON.stringify(r.error!.issues)).toMatch(re);
    }
    await expect(listOrders(t.db, viewer, q({ cursor: 'bm90LWEtY3Vyc29y' }))).rejects.toThrow(
      /^cursor: not a cursor of this list/,
    );
    await expect(listOrders(t.db, viewer, q({ unit: '10kmE1N1' }))).rejects.toThrow(
      /^unit: no production unit or sub-production unit/,
    );
    await expect(listOrders(t.db, viewer, q({ service: 'nope' }))).rejects.toThrow(/^service: there is no service nope/);
  });

  it("the page's ids come from an index-only scan, first page and deep page alike", async () => {
    const plan = async (extra: ReturnType<typeof sql>) =>
      (
        await t.db.execute<{ 'QUERY PLAN': string }>(sql`explain (costs off)
          select o.id, o.received_at from orders o where o.api_client_id = ${clients[0]!.id} and o.status in ('SUCCESS') ${extra}
          order by o.received_at desc nulls last, o.id desc nulls last limit 51`)
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const first = await plan(sql``);
    expect(first).toMatch(/Index Only Scan using orders_client_status_received_idx/);
    expect(first).not.toMatch(/Sort/);
    const deep = await plan(
      sql`and (o.received_at, o.id) < ('2026-11-05T00:00:00Z'::timestamptz, '00000000-0000-0000-0000-000000000000'::uuid)`,
    );
    expect(deep).toMatch(/Index Only Scan using orders_client_status_received_idx/);
    expect(deep).toMatch(/Index Cond: .*ROW\(received_at, id\) < ROW/);
  });
});

describe('GET /v1/crm/services/order_query (M15)', () => {
  it("answers in the reference's shape and status names, by sub-production unit, service and status", async () => {
    const me = { apiClientId: clients[0]!.id, admin: false };
    // The SPU holding most of this client's failed harmonics orders (the generated data spreads them unevenly).
    const [spu] = await t.db.execute<{ code: string }>(sql`
      select s.code from orders o join production_units pu on pu.id = o.production_unit_id
        join sub_production_units s on s.id = pu.sub_production_unit_id
      where o.api_client_id = ${me.apiClientId} and o.status in ('FAILED', 'INVALID')
        and o.service_id = (select id from services where name = 'harmonics')
      group by s.code order by count(*) desc, s.code limit 1`);
    const r = await queryServiceOrders(me, {
      subproduction_unit: spu!.code,
      service_name: 'harmonics',
      order_status: 'Failed',
      limit: 1000,
    });
    const want = await expected(sql`api_client_id = ${me.apiClientId} and status in ('FAILED', 'INVALID')
      and service_id = (select id from services where name = 'harmonics')
      and production_unit_id in (select id from production_units where sub_production_unit_id = (select id from sub_production_units where code = ${spu!.code}))`);
    expect(want.length).toBeGreaterThan(100);
    expect(r.services.map((s) => s.order_id)).toEqual(want.slice(0, 1000));
    expect(r.services[0]).toMatchObject({
      subproduction_unit: spu!.code,
      processing_unit: expect.stringMatching(/^10kmE\d+N\d+$/),
      service_name: 'harmonics',
      order_status: 'Failed',
      order_result: null,
    });
    expect(JSON.parse(r.services[0]!.order_json)).toHaveProperty('n');
    const finished = await queryServiceOrders(me, { order_status: 'Finished', limit: 5 });
    expect(finished.services.map((s) => s.order_status)).toEqual(Array(5).fill('Finished'));
    expect(finished.next_cursor).not.toBeNull();
    const notStarted = await queryServiceOrders(me, { order_status: 'Not started', limit: 300 });
    expect(new Set(notStarted.services.map((s) => s.order_status))).toEqual(new Set(['Not started']));
    expect(notStarted.services).toHaveLength(300);
  });

  it('refuses bad parameters naming them', () => {
    expect(JSON.stringify(serviceOrderQuery.safeParse({ order_status: 'done' }).error!.issues)).toMatch(
      /order_status.*one of Not started/,
    );
    expect(JSON.stringify(serviceOrderQuery.safeParse({ processing_unit: 'a', subproduction_unit: 'b' }).error!.issues)).toMatch(
      /not both/,
    );
  });
});
