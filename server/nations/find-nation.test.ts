/**
 * The nation lookups shared by the order endpoint and the national workflow, on the seeded reference data (46
 * nations, boundaries loaded) and the tiny demo store around Vienna.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products } from '~/db/schema';
import { useOrderKit } from '~/test/orders';
import { findNation } from './find-nation';
import { listNations } from './list-nations';

const kit = useOrderKit();
const rasterId = async () =>
  (await kit.t.db.select({ id: products.id }).from(products).where(eq(products.code, 'clcplus_raster')))[0]!.id;

describe('nations', () => {
  it('lists the orderable nations alphabetically', async () => {
    const names = await listNations(kit.t.db);
    expect(names.length).toBeGreaterThan(40);
    expect(names).toContain('Austria');
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it('finds a nation whatever the case, with its CRS and area; coverage and boundary only when asked', async () => {
    const at = await findNation(kit.t.db, 'austria');
    expect(at).toMatchObject({ name: 'Austria', epsg: 31287, hasBoundary: true, covered: null, boundary: null });
    expect(at!.areaKm2).toBeGreaterThan(80_000);
    expect(at!.areaKm2).toBeLessThan(86_000);
    const id = await rasterId();
    expect((await findNation(kit.t.db, 'Austria', { coveredBy: id }))!.covered).toBe(true);
    expect((await findNation(kit.t.db, 'Portugal', { coveredBy: id }))!.covered).toBe(false);
    const withBoundary = await findNation(kit.t.db, 'AUSTRIA', { boundary: true });
    expect(withBoundary!.boundary!.type).toBe('MultiPolygon');
    expect(await findNation(kit.t.db, 'Atlantis')).toBeNull();
  });
});
