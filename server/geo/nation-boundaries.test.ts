import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { loadNationBoundaries } from './load-nation-boundaries';

const t = useTestDatabase();
let result: Awaited<ReturnType<typeof loadNationBoundaries>>;

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  result = await loadNationBoundaries(t.db);
});

const areaKm2 = async (name: string) => {
  const [r] = await t.db.execute<{ km2: number; valid: boolean; srid: number }>(
    sql`select ST_Area(ST_Transform(boundary, 3035)) / 1e6 as km2, ST_IsValid(boundary) as valid, ST_SRID(boundary) as srid from nations where name = ${name}`,
  );
  return r!;
};

describe('nation boundaries', () => {
  it('are loaded for all 46 nations, valid, in EPSG:4326', async () => {
    expect(result.missing).toEqual([]);
    expect(result.loaded).toHaveLength(46);
    const [bad] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from nations where boundary is null or not ST_IsValid(boundary) or ST_SRID(boundary) <> 4326`,
    );
    expect(bad!.n).toBe(0);
  });

  it('have plausible areas (equal-area EPSG:3035), splitting countries into their parts', async () => {
    const expectations: [string, number][] = [
      ['Austria', 83_879],
      ['Northern Ireland', 14_130],
      ['Spain (Canaries)', 7_447],
      ['Portugal (Madeira)', 801],
      ['Luxembourg', 2_586],
    ];
    for (const [name, km2] of expectations) {
      const r = await areaKm2(name);
      expect(r.valid).toBe(true);
      expect(Math.abs(r.km2 - km2) / km2, name).toBeLessThan(0.06);
    }
  });

  it('place Vienna in Austria and nowhere else', async () => {
    const rows = await t.db.execute<{ name: string }>(
      sql`select name from nations where ST_Contains(boundary, ST_SetSRID(ST_MakePoint(16.3725, 48.2084), 4326))`,
    );
    expect(rows.map((r) => r.name)).toEqual(['Austria']);
  });

  it('keep overseas territories out (France is in Europe only)', async () => {
    const [r] = await t.db.execute<{ minx: number; miny: number }>(
      sql`select ST_XMin(boundary) as minx, ST_YMin(boundary) as miny from nations where name = 'France'`,
    );
    expect(r!.minx).toBeGreaterThan(-6);
    expect(r!.miny).toBeGreaterThan(41);
  });
});
