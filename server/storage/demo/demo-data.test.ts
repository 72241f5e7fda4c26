/**
 * The demo data: 36 production units around Vienna, generated deterministically, ingested through the ingestion
 * function, with a plausible class mix; the test writes the PNG preview kept in docs/img/ for the README.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { run, sha256, useTempDir } from '~/test/geo';
import { listGroups } from '../find-groups';
import { writePreviewPng } from '../preview-png';
import { readRasterByBounds } from '../read-raster';
import { DEMO_AREAS, VIENNA_3035 } from './demo-areas';
import { createLandscape } from './landscape';
import { makeDemoData } from './make-demo-data';

const t = useTestDatabase();
const tmp = useTempDir();
const storeDir = path.join(tmp, 'store');
let seconds = 0;

beforeAll(async () => {
  const t0 = performance.now();
  await makeDemoData({ db: t.db, storeDir, workDir: tmp }, { size: 'demo' });
  seconds = (performance.now() - t0) / 1000;
}, 120_000);

describe('demo data', () => {
  it('stores 36 units of 10 km named like the reference grid, in under a minute', async () => {
    const groups = await listGroups(t.db, { product: 'clcplus_raster', referenceYear: 2021 });
    expect(groups).toHaveLength(36);
    expect(groups[0]!.groupName).toBe('10kmE476N278');
    expect(groups.every((g) => g.width === 1000 && g.height === 1000)).toBe(true);
    const [units] = await t.db.execute<{ n: number; spus: number }>(
      sql`select count(*)::int as n, count(distinct sub_production_unit_id)::int as spus from production_units`,
    );
    expect(units).toEqual({ n: 36, spus: 9 });
    const linked = await t.db.execute<{ code: string; n: number }>(
      sql`select p.code, count(*)::int as n from store_groups g join products p on p.id = g.product_id where g.production_unit_id is not null group by p.code order by 1`,
    );
    expect(linked).toEqual([
      { code: 'clcplus_raster', n: 36 },
      { code: 'clcplus_vector', n: 36 },
    ]);
    expect(seconds).toBeLessThan(60);
  });

  it('derives the vector product by polygonizing: valid polygons with class attributes, readable by ogrinfo', async () => {
    const groups = await listGroups(t.db, { product: 'clcplus_vector', referenceYear: 2021 });
    expect(groups).toHaveLength(36);
    const total = groups.reduce((n, g) => n + g.featureCount!, 0);
    expect(total).toBeGreaterThan(1000);
    const file = path.join(storeDir, groups[0]!.filePath);
    const info = run('ogrinfo', ['-ro', '-al', '-so', file]);
    expect(info).toContain(`Feature Count: ${groups[0]!.featureCount}`);
    expect(info).toMatch(/class: Integer/);
    expect(info).toMatch(/class_name: String/);
    expect(info).toMatch(/area_m2: Real/);
    // Polygons cover the unit: their areas add up to 100 km² (no gaps, no overlaps).
    const sql2 = run('ogrinfo', [
      '-ro',
      '-q',
      '-dialect',
      'SQLite',
      '-sql',
      'SELECT SUM(ST_Area(geometry)) AS a FROM features',
      file,
    ]);
    expect(Number(/a \(Real\) = ([\d.]+)/.exec(sql2)![1])).toBeCloseTo(1e8, -2);
  });

  it('is deterministic for a seed', () => {
    const row = () => {
      const L = createLandscape({ seed: 2021, cityX: VIENNA_3035.x, cityY: VIENNA_3035.y, extent: DEMO_AREAS.demo.extent });
      const out = new Uint8Array(6000);
      L.row(DEMO_AREAS.demo.extent.minX, 2_808_005, out);
      return sha256(out);
    };
    expect(row()).toBe(row());
  });

  it('looks like a landscape: every class but evergreen broadleaves, a river, a city, some snow; preview PNG written', async () => {
    const r = await readRasterByBounds(
      { db: t.db, storeDir },
      { product: 'clcplus_raster', referenceYear: 2021, bounds: DEMO_AREAS.demo.extent },
    );
    const counts = new Array<number>(256).fill(0);
    for (const v of r.data) counts[v]!++;
    const share = (c: number) => counts[c]! / r.data.length;
    expect([1, 2, 3, 5, 6, 7, 8, 9, 10, 11].every((c) => counts[c]! > 0)).toBe(true);
    expect(counts[4]).toBe(0);
    expect(counts[255]).toBe(0);
    expect(share(1)).toBeGreaterThan(0.03); // the city and towns
    expect(share(10)).toBeGreaterThan(0.005); // river and lakes
    expect(share(11)).toBeLessThan(0.05); // snow only on the highest ground
    expect(share(2) + share(3)).toBeGreaterThan(0.2); // forests on the hills
    // Vienna's centre is sealed.
    const col = Math.floor((VIENNA_3035.x - r.grid.x0) / 10);
    const row = Math.floor((r.grid.y0 - VIENNA_3035.y) / 10);
    const centre = [-1, 0, 1].flatMap((dr) => [-1, 0, 1].map((dc) => r.data[(row + dr * 20) * r.grid.width + col + dc * 20]));
    expect(centre.filter((v) => v === 1).length).toBeGreaterThanOrEqual(5);
    await writePreviewPng(path.join(process.cwd(), 'docs/img/demo-raster.png'), r.grid, r.data, 10);
  });
});
