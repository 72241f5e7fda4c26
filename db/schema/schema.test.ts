/**
 * The schema as PostgreSQL sees it: migrations apply to an empty database and are a no-op the second time; every
 * geometry column has its type, SRID and a GiST index; constraints refuse bad rows.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../migrate';
import { createDb } from '../client';
import { env } from '../../server/env.js';
import { useTestDatabase } from '../../test/db';
import { databaseUrl } from '../../test/names';
import { apiClients, customers, orders, productionUnits, rois, scopes, services } from './index';

const t = useTestDatabase();

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ] as [number, number][][],
});

async function aService() {
  const [s] = await t.db
    .insert(services)
    .values({ name: `svc_${Math.random().toString(36).slice(2, 8)}`, title: 'Test', engine: 'embedded', dagId: 'test' })
    .returning();
  return s!;
}

/** The PostgreSQL error a statement raises (code and constraint), or null. */
async function pgError(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    const err = (e as { cause?: unknown }).cause ?? e;
    return err as { code: string; constraint_name?: string; message: string };
  }
}

describe('migrations', () => {
  it('apply to an empty database, and a second run applies nothing', async () => {
    const name = `${t.name}_empty`;
    const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    try {
      const url = databaseUrl(env.DATABASE_URL, name);
      expect((await migrateDatabase(url)).applied).toBeGreaterThanOrEqual(2);
      expect((await migrateDatabase(url)).applied).toBe(0);
      const db = createDb(url, { max: 1 });
      const tables = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
      expect(tables[0]!.n).toBeGreaterThanOrEqual(20);
      await db.$client.end();
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

describe('geometry columns', () => {
  it('carry their type and SRID, each with a GiST index', async () => {
    const cols = await t.db.execute<{ table: string; column: string; type: string; srid: number; gist: boolean }>(sql`
      select g.f_table_name as table, g.f_geometry_column as column, g.type, g.srid,
             exists (select 1 from pg_indexes i where i.tablename = g.f_table_name
                     and i.indexdef ilike '%using gist%' and i.indexdef like '%' || g.f_geometry_column || '%') as gist
      from geometry_columns g where g.f_table_schema = 'public' order by 1, 2`);
    expect(cols.map((c) => `${c.table}.${c.column} ${c.type} ${c.srid} gist=${c.gist}`)).toEqual([
      'nations.boundary MULTIPOLYGON 4326 gist=true',
      'orders.aoi MULTIPOLYGON 4326 gist=true',
      'production_units.geom MULTIPOLYGON 3035 gist=true',
      'rois.geom MULTIPOLYGON 4326 gist=true',
      'store_groups.extent POLYGON 3035 gist=true',
      'sub_production_units.geom MULTIPOLYGON 3035 gist=true',
    ]);
  });

  it('round-trip GeoJSON through drizzle; a Polygon is stored as a MultiPolygon', async () => {
    const [c] = await t.db
      .insert(customers)
      .values({ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org' })
      .returning();
    const [roi] = await t.db
      .insert(rois)
      .values({ customerId: c!.id, name: 'vienna', geom: square(16.2, 48.1, 0.3) })
      .returning();
    expect(roi!.geom).toEqual({ type: 'MultiPolygon', coordinates: [square(16.2, 48.1, 0.3).coordinates] });
    const [area] = await t.db.execute<{ km2: number }>(
      sql`select ST_Area(ST_Transform(geom, 3035)) / 1e6 as km2 from rois where id = ${roi!.id}`,
    );
    // 0.3° × 0.3° at 48° N: about 33.4 km × 22.3 km.
    expect(area!.km2).toBeGreaterThan(700);
    expect(area!.km2).toBeLessThan(780);
  });

  it('refuse a geometry in another SRID', async () => {
    const err = await pgError(
      t.db.execute(sql`insert into production_units (code, geom, area_km2)
        values ('10kmE480N280', ST_Multi(ST_SetSRID(ST_MakeEnvelope(16, 48, 16.1, 48.1), 4326)), 100)`),
    );
    expect(err?.message).toMatch(/SRID \(4326\) does not match column SRID \(3035\)/);
  });

  it('refuse the wrong geometry type', async () => {
    const err = await pgError(
      t.db.execute(sql`insert into production_units (code, geom, area_km2)
        values ('10kmE480N281', ST_SetSRID(ST_MakePoint(4800000, 2800000), 3035), 100)`),
    );
    expect(err?.message).toMatch(/Geometry type \(Point\) does not match column type \(MultiPolygon\)/);
  });

  it('accept a unit in EPSG:3035', async () => {
    const [u] = await t.db
      .insert(productionUnits)
      .values({ code: '10kmE480N282', geom: square(4_800_000, 2_820_000, 10_000), areaKm2: 100 })
      .returning();
    expect(u!.geom.type).toBe('MultiPolygon');
  });
});

describe('constraints refuse bad rows', () => {
  it('an unknown order status', async () => {
    const s = await aService();
    const err = await pgError(t.db.execute(sql`insert into orders (service_id, status, params) values (${s.id}, 'DONE', '{}')`));
    expect(err?.code).toBe('22P02'); // invalid_text_representation: not a value of the enum
    expect(err?.message).toMatch(/invalid input value for enum order_status: "DONE"/);
  });

  it('an order of a service that does not exist (orphan foreign key)', async () => {
    const err = await pgError(t.db.insert(orders).values({ serviceId: '00000000-0000-4000-8000-000000000000', params: {} }));
    expect(err?.code).toBe('23503');
    expect(err?.constraint_name).toBe('orders_service_id_services_id_fk');
  });

  it('a client of a customer that does not exist', async () => {
    const err = await pgError(
      t.db.insert(apiClients).values({ clientId: 'abc', customerId: '00000000-0000-4000-8000-000000000000', name: 'x' }),
    );
    expect(err?.code).toBe('23503');
  });

  it('a final status without a stop time, and a stop time on an open order', async () => {
    const s = await aService();
    const e1 = await pgError(t.db.insert(orders).values({ serviceId: s.id, params: {}, status: 'ABORTED' }));
    expect(e1?.constraint_name).toBe('orders_final_stopped_check');
    const e2 = await pgError(t.db.insert(orders).values({ serviceId: s.id, params: {}, stoppedAt: new Date() }));
    expect(e2?.constraint_name).toBe('orders_final_stopped_check');
  });

  it('a FAILED order without an error code and message, a SUCCESS without a result', async () => {
    const s = await aService();
    const now = new Date();
    const e1 = await pgError(t.db.insert(orders).values({ serviceId: s.id, params: {}, status: 'FAILED', stoppedAt: now }));
    expect(e1?.constraint_name).toBe('orders_error_check');
    const e2 = await pgError(t.db.insert(orders).values({ serviceId: s.id, params: {}, status: 'SUCCESS', stoppedAt: now }));
    expect(e2?.constraint_name).toBe('orders_success_result_check');
  });

  it('progress outside 0–100', async () => {
    const s = await aService();
    const err = await pgError(t.db.insert(orders).values({ serviceId: s.id, params: {}, progress: 101 }));
    expect(err?.constraint_name).toBe('orders_progress_check');
  });

  it('an order with two owners', async () => {
    const s = await aService();
    const err = await pgError(
      t.db.execute(sql`insert into orders (service_id, params, api_client_id, user_id)
        values (${s.id}, '{}', gen_random_uuid(), gen_random_uuid())`),
    );
    // Either check fires first; both make the row impossible.
    expect(['23503', '23514']).toContain(err?.code);
  });

  it('a second customer with the same e-mail in another case', async () => {
    await t.db.insert(customers).values({ name: 'A B', email: 'Same@Example.org' });
    const err = await pgError(t.db.insert(customers).values({ name: 'C D', email: 'same@example.ORG' }));
    expect(err?.code).toBe('23505');
  });

  it('a malformed scope name and a service name with spaces', async () => {
    const e1 = await pgError(t.db.insert(scopes).values({ name: 'Get Product', description: 'x' }));
    expect(e1?.constraint_name).toBe('scopes_name_check');
    const e2 = await pgError(t.db.insert(services).values({ name: 'get product', title: 'x', engine: 'embedded', dagId: 'x' }));
    expect(e2?.constraint_name).toBe('services_name_check');
  });

  it('an invalid (self-intersecting) region of interest', async () => {
    const [c] = await t.db.insert(customers).values({ name: 'E F', email: 'ef@example.org' }).returning();
    const bowtie = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ] as [number, number][][],
    };
    const err = await pgError(t.db.insert(rois).values({ customerId: c!.id, name: 'bowtie', geom: bowtie }));
    expect(err?.constraint_name).toBe('rois_geom_valid_check');
  });

  it('a private key registered as a client key', async () => {
    const [c] = await t.db.insert(customers).values({ name: 'G H', email: 'gh@example.org' }).returning();
    const [client] = await t.db.insert(apiClients).values({ clientId: 'gh-client', customerId: c!.id, name: 'gh' }).returning();
    const err = await pgError(
      t.db.execute(
        sql`insert into client_keys (api_client_id, kid, jwk) values (${client!.id}, 'k1', '{"kty":"EC","d":"secret"}')`,
      ),
    );
    expect(err?.constraint_name).toBe('client_keys_public_only_check');
  });
});
