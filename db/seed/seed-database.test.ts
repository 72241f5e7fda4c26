import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password';
import { useTestDatabase } from '../../test/db';
import { nations, scopes, services, users } from '../schema';
import { CATALOGUE } from '../../server/services/catalogue';
import { seedDatabase } from './seed-database';

const t = useTestDatabase();

describe('seed', () => {
  it('creates reference data and one admin whose password is shown once and stored hashed', async () => {
    const first = await seedDatabase(t.db, { adminEmail: 'root@example.org' });
    expect(first.admin?.created).toBe(true);
    const [admin] = await t.db.select().from(users).where(eq(users.role, 'admin'));
    expect(admin!.email).toBe('root@example.org');
    expect(admin!.passwordHash).not.toContain(first.admin!.password);
    expect(await verifyPassword(first.admin!.password, admin!.passwordHash!)).toBe(true);
    expect(admin!.mustChangePassword).not.toBeNull();

    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(nations);
    expect(n!.n).toBe(46);
    const names = (await t.db.select({ name: services.name }).from(services)).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['get_product', 'get_national_product', 'get_product_europe']));
    expect((await t.db.select().from(scopes)).map((s) => s.name)).toContain('get_product');
    // Every catalogue service, with the JSON Schema of what a client sends, its scopes and unit.
    const [gp] = await t.db
      .select()
      .from(services)
      .where(sql`${services.name} = 'get_product'`);
    expect(gp!.parameterSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      // `aoi`, or `roi_id` in its place (one of them: checked by zod, which JSON Schema cannot say here).
      properties: { product: { type: 'string' }, aoi: { anyOf: expect.any(Array) }, roi_id: { type: 'string', format: 'uuid' } },
      required: ['product'],
    });
    expect(names.length).toBe(CATALOGUE.length);
    const [t1] = await t.db
      .select()
      .from(services)
      .where(sql`${services.name} = 'task1_reprocessing'`);
    expect(t1).toMatchObject({
      engine: 'airflow',
      dagId: 'task1_reprocessing',
      scopes: ['reprocessing_task_1', 'gaf'],
      unitKind: 'production_unit',
    });
    const scopeNames = (await t.db.select().from(scopes)).map((s) => s.name);
    for (const svc of CATALOGUE) for (const sc of svc.scopes) expect(scopeNames).toContain(sc);
  });

  it('is idempotent: a second run changes nothing and shows no password', async () => {
    const before = await t.db.select().from(users);
    const again = await seedDatabase(t.db, { adminEmail: 'other@example.org' });
    expect(again.admin).toBeNull();
    expect(await t.db.select().from(users)).toEqual(before);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(nations);
    expect(n!.n).toBe(46);
  });

  it('resets the admin password on request', async () => {
    const r = await seedDatabase(t.db, { adminEmail: 'x@example.org', resetAdminPassword: true });
    expect(r.admin).toMatchObject({ email: 'root@example.org', created: false });
    const [admin] = await t.db.select().from(users).where(eq(users.role, 'admin'));
    expect(await verifyPassword(r.admin!.password, admin!.passwordHash!)).toBe(true);
  });

  it('keeps the national CRS of Appendix B, and legacy file codes apart from ISO codes', async () => {
    const rows = await t.db.select().from(nations);
    const by = (name: string) => rows.find((r) => r.name === name)!;
    expect(by('Austria')).toMatchObject({ isoCode: 'AT', fileCode: 'AT', epsg: 31287 });
    expect(by('Northern Ireland')).toMatchObject({ isoCode: 'GB', fileCode: 'NI', epsg: 29903 });
    expect(by('Kosovo Under Unscr 1244/99')).toMatchObject({ isoCode: 'XK', fileCode: 'KS', epsg: 3909 });
    expect(by('Turkey').epsg).toBeNull();
  });
});
