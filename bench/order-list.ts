/**
 * `npm run bench:order-list [-- N]` — `GET /v1/orders`'s query (server/orders/list-orders.ts) on N generated orders
 * (default 1,000,000) in a database of its own (created, migrated, seeded, dropped at the end): 100 clients, the
 * catalogue's services (drawn at random per order), every status, 36 production units, a year of submissions. Measured, 200 calls each, p50 /
 * p99 in ms, against the floor of a `select 1` round trip on the same pool:
 *   a client's first page; filtered by status, by service, by unit; a deep page (cursor at the client's middle);
 *   an admin's first page; an admin's deep page.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDb } from '~/db/client';
import { migrateDatabase } from '~/db/migrate';
import { seedDatabase } from '~/db/seed/seed-database';
import { env } from '~/server/env.js';
import { listOrders, listOrdersQuery } from '~/server/orders/list-orders';
import { loadUnits } from '~/server/storage/load-units';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { databaseUrl } from '~/test/names';
import { fmt, stats } from './lib';

const N = Number(process.argv[2] ?? 1_000_000);
const name = `${new URL(env.DATABASE_URL).pathname.slice(1)}_bench_list`;
const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
const url = databaseUrl(env.DATABASE_URL, name);
await migrateDatabase(url);
const db = createDb(url, { max: 4, applicationName: 'clcplus-bench' });
try {
  await seedDatabase(db, { adminEmail: 'bench@example.org' });
  await loadUnits(db, DEMO_AREAS.demo.extent);
  await db.execute(
    sql`insert into customers (email, name) select 'c' || i || '@bench.example', 'c' || i from generate_series(1, 100) i`,
  );
  await db.execute(sql`
    insert into api_clients (client_id, name, customer_id)
    select 'bench-' || c.name, c.name, c.id from customers c where c.email like '%@bench.example'`);
  const t0 = performance.now();
  process.stderr.write(`generating ${N.toLocaleString('en')} orders…\n`);
  await db.execute(sql`
    with c as (select array_agg(id order by client_id) a from api_clients where client_id like 'bench-%'),
         s as (select array_agg(id order by name) a from services),
         u as (select array_agg(id order by code) a from production_units)
    insert into orders (service_id, api_client_id, status, params, production_unit_id, received_at, stopped_at, error_code, error_message, result)
    select s.a[1 + floor(random() * array_length(s.a, 1))::int], c.a[1 + floor(random() * 100)::int], st::order_status, '{}'::jsonb, u.a[1 + floor(random() * 36)::int],
      ts, case when st in ('SUCCESS', 'FAILED', 'INVALID', 'ABORTED') then ts + interval '5 minutes' end,
      case when st in ('FAILED', 'INVALID') then 'E' end, case when st in ('FAILED', 'INVALID') then 'bench' end,
      case when st = 'SUCCESS' then '{}'::jsonb end
    from generate_series(1, ${N}) i, c, s, u,
      lateral (select timestamptz '2026-01-01' + i * (interval '365 days' / ${N}) as ts,
        (array['SUCCESS','SUCCESS','SUCCESS','SUCCESS','FAILED','INVALID','ABORTED','RUNNING','QUEUED','RECEIVED'])[1 + floor(random() * 10)::int] as st) x`);
  await db.execute(sql`vacuum analyze orders`);
  process.stderr.write(`  in ${fmt((performance.now() - t0) / 1000)} s\n`);

  const [client] = await db.execute<{ id: string }>(sql`select id from api_clients where client_id = 'bench-c42'`);
  const me = { apiClientId: client!.id, admin: false };
  const all = { apiClientId: client!.id, admin: true };
  const middle = async (viewer: typeof me) => {
    // A cursor half way down the viewer's orders.
    const [m] = await db.execute<{ t: string; id: string }>(sql`
      select received_at::text t, id from orders ${viewer.admin ? sql`` : sql`where api_client_id = ${viewer.apiClientId}`}
      order by received_at desc, id desc offset (select count(*) / 2 from orders ${viewer.admin ? sql`` : sql`where api_client_id = ${viewer.apiClientId}`}) limit 1`);
    return Buffer.from(JSON.stringify([m!.t, m!.id])).toString('base64url');
  };
  const cases: [string, typeof me, Record<string, unknown>][] = [
    ['client, first page of 50', me, {}],
    ['client, status=FAILED', me, { status: 'FAILED' }],
    ['client, status=RUNNING,QUEUED', me, { status: 'RUNNING,QUEUED' }],
    ['client, service=harmonics', me, { service: 'harmonics' }],
    ['client, unit=10kmE478N280', me, { unit: '10kmE478N280' }],
    ['client, since/until (one month)', me, { since: '2026-06-01T00:00:00Z', until: '2026-07-01T00:00:00Z' }],
    ['client, deep page (middle)', me, { cursor: await middle(me) }],
    ['admin, first page', all, {}],
    ['admin, status=FAILED', all, { status: 'FAILED' }],
    ['admin, deep page (middle)', all, { cursor: await middle(all) }],
  ];
  const floor: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await db.execute(sql`select 1`);
    floor.push(performance.now() - s);
  }
  const f = stats(floor);
  console.log(`\nGET /v1/orders query on ${N.toLocaleString('en')} orders (100 clients), 200 calls each, ms`);
  console.log(`  ${'floor: select 1'.padEnd(36)} p50 ${fmt(f.p50, 2).padStart(6)}  p99 ${fmt(f.p99, 2).padStart(6)}`);
  for (const [label, viewer, filter] of cases) {
    const q = listOrdersQuery.parse(filter);
    const ms: number[] = [];
    let n = 0;
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      n = (await listOrders(db, viewer, q)).orders.length;
      ms.push(performance.now() - s);
    }
    const st = stats(ms);
    console.log(
      `  ${label.padEnd(36)} p50 ${fmt(st.p50, 2).padStart(6)}  p99 ${fmt(st.p99, 2).padStart(6)}  (${n} orders; ${fmt(st.p50 / f.p50, 1)}× the floor)`,
    );
  }
} finally {
  await db.$client.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
