import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db';
import { decodeEwkb } from './_postgis';

const t = useTestDatabase();

describe('EWKB decoding agrees with PostGIS', () => {
  it.each([
    ['a point', 'SRID=3035;POINT(4321000 2987510.5)'],
    ['a polygon with a hole', 'SRID=4326;POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))'],
    ['a multipolygon', 'SRID=3035;MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.2 5.1,5.8 5.1,5.8 5.7,5.2 5.1)))'],
  ])('%s', async (_, ewkt) => {
    const [r] = await t.db.execute<{ hex: string; json: string }>(
      sql`select encode(ST_AsEWKB(g), 'hex') as hex, ST_AsGeoJSON(g, 15, 0) as json from ST_GeomFromEWKT(${ewkt}) g`,
    );
    expect(decodeEwkb(r!.hex)).toEqual(JSON.parse(r!.json));
  });

  it('refuses 3D geometries it cannot represent', async () => {
    const [r] = await t.db.execute<{ hex: string }>(sql`select encode(ST_AsEWKB('POINT Z (1 2 3)'::geometry), 'hex') as hex`);
    expect(() => decodeEwkb(r!.hex)).toThrow(/2D/);
  });
});
