/**
 * S15 vector class attribution over HTTP, web + worker: an order with the reference's body (polygons and rasters
 * as files under SOURCE_ROOTS) ends SUCCESS with a zip whose CSV, read with Python's csv module, equals GDAL's own
 * rasterizer + numpy (test/python/class_attribution.py) for every polygon and class; an order over the product
 * store's own layers succeeds too; a path outside the allowed folders, credentials in `config` and a bad method are
 * refused with 400 naming the field and write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { newClient } from '~/playwright/fixtures/cli';
import { manualToken, pollStatus, PY, root, tempDir, tool, unzip } from '~/playwright/fixtures/orders';

const SPU = 'SPU_E477N279'; // 3 × 3 units: 4770000–4800000 E, 2790000–2820000 N
const UNIT = '10kmE478N280';
const inbox = path.join(root, env.SOURCE_ROOTS.split(',')[0]!);
const demoRasters = path.join(root, '.data/demo/demo/raster');
let rasters: string[] = [];
let sql: postgres.Sql;

// One worker for the file: its setup writes the shared input files.
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  fs.mkdirSync(inbox, { recursive: true });
  // The SPU's nine GeoTIFFs, and the product polygons of one unit grown by 37 m (so they overlap each other and
  // cross the raster's class edges) with an id, in EPSG:4326.
  rasters = fs
    .readdirSync(demoRasters)
    .filter((f) => /_10kmE47[789]N2(79|80|81)_/.test(f))
    .map((f) => {
      fs.copyFileSync(path.join(demoRasters, f), path.join(inbox, f));
      return path.join(inbox, f);
    });
  expect(rasters).toHaveLength(9);
  const vector = path.join(root, `.data/demo/demo/vector/CLMS_CLCplus_VECTOR_2021_${UNIT}_03035_V1_1.gpkg`);
  fs.rmSync(path.join(inbox, 'grown.gpkg'), { force: true });
  tool(
    'ogr2ogr',
    ...['-f', 'GPKG', path.join(inbox, 'grown.gpkg'), vector, '-t_srs', 'EPSG:4326', '-nln', 'grown'],
    ...['-dialect', 'sqlite', '-sql', "SELECT 'G' || ROWID AS pid, ST_Buffer(geom, 37) AS geom FROM clcplus"],
  );
});
test.afterAll(() => sql.end());

const orderCount = async (clientId: string) =>
  (
    await sql<
      { n: number }[]
    >`select count(*)::int as n from orders o join api_clients c on c.id = o.api_client_id where c.client_id = ${clientId}`
  )[0]!.n;

/** The CSV of the order's zip as rows (Python's csv module, not ours). */
function csvRows(zip: string): Record<string, string>[] {
  const dir = unzip(zip, tempDir('attribution-'));
  const csv = tool('find', dir, '-name', '*.csv').trim();
  expect(tool('find', dir, '-name', '*_report.md').trim()).not.toBe('');
  return JSON.parse(
    tool(PY, '-c', 'import csv,json,sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1]), delimiter=";"))))', csv),
  );
}

test.describe('vector class attribution (S15)', () => {
  test('files: the CSV equals gdal_rasterize + numpy for every polygon and class', async ({ baseURL, request }) => {
    const c = newClient('vector_class_attribution');
    const token = manualToken(baseURL!, c);
    const r = await request.post('/v1/services/vector_class_attribution', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        service_name: 'vector_class_attribution',
        vector: 'grown.gpkg',
        raster: rasters.map((f) => path.basename(f)).join(' '),
        subproduction_unit_name: SPU,
        method: 'absolute_count',
        id_column: 'pid',
        reference_year: '2021',
        bucket_path: 'results/grown_attribution',
      },
    });
    expect(r.status(), await r.text()).toBe(202);
    const accepted = await r.json();
    const s = await pollStatus(baseURL!, accepted.links.href, token, 120_000);
    expect(s.error).toBeNull();
    expect(s.status).toBe('SUCCESS');
    expect(s.package?.file_name).toBe('grown_attribution.zip');
    const zip = path.join(tempDir('attribution-zip-'), 'a.zip');
    fs.writeFileSync(zip, await (await request.get(s.result!, { headers: { authorization: `Bearer ${token}` } })).body());
    const rows = csvRows(zip);

    const expected = JSON.parse(
      tool(PY, path.join(root, 'test/python/class_attribution.py'), path.join(inbox, 'grown.gpkg'), 'pid', ...rasters),
    ) as Record<string, Record<string, number>>;
    expect(rows.length).toBe(Object.keys(expected).length); // every polygon of the unit intersects the SPU
    let mixed = 0;
    for (const row of rows) {
      const want = expected[row.pid!]!;
      const got: Record<string, number> = {};
      for (let v = 1; v <= 11; v++) if (Number(row[`class_${v}`]) > 0) got[String(v)] = Number(row[`class_${v}`]);
      if (Number(row.excluded_pixels) > 0) got['255'] = Number(row.excluded_pixels);
      expect({ pid: row.pid, got }).toEqual({ pid: row.pid, got: want });
      expect(row.subproduction_unit).toBe(SPU);
      if (Object.keys(got).length > 1) mixed++;
    }
    expect(mixed).toBeGreaterThan(rows.length / 3);
  });

  test('the product store: every method, from the store layers', async ({ baseURL, request }) => {
    const c = newClient('vector_class_attribution');
    const token = manualToken(baseURL!, c);
    const r = await request.post('/v1/services/vector_class_attribution', {
      headers: { authorization: `Bearer ${token}` },
      data: { subproduction_unit_name: SPU, method: 'relative_count majority area', reference_year: 2021 },
    });
    expect(r.status(), await r.text()).toBe(202);
    const accepted = await r.json();
    const s = await pollStatus(baseURL!, accepted.links.href, token, 120_000);
    expect(s.status, JSON.stringify(s.error)).toBe('SUCCESS');
    const zip = path.join(tempDir('attribution-zip-'), 'a.zip');
    fs.writeFileSync(zip, await (await request.get(s.result!, { headers: { authorization: `Bearer ${token}` } })).body());
    const rows = csvRows(zip);
    expect(rows.length).toBeGreaterThan(500);
    for (const row of rows.slice(0, 200)) {
      const rel = Array.from({ length: 11 }, (_, i) => Number(row[`class_${i + 1}_rel`]));
      expect(Math.abs(rel.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
      expect(Number(row.majority)).toBe(rel.indexOf(Math.max(...rel)) + 1);
      expect(Number(row[`class_${row.majority}_m2`])).toBe(
        Math.round(rel[Number(row.majority) - 1]! * Number(row.counted_pixels)) * 100,
      );
    }
  });

  test('refused with 400 naming the field, nothing written: a path outside the folders, credentials, a bad method', async ({
    baseURL,
    request,
  }) => {
    const c = newClient('vector_class_attribution');
    const headers = { authorization: `Bearer ${manualToken(baseURL!, c)}` };
    const base = { subproduction_unit_name: SPU, method: 'majority', reference_year: 2021 };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, vector: '/etc/passwd' }, /^vector: \/etc\/passwd is not allowed/],
      [{ ...base, vector: '../../etc/passwd' }, /^vector: .* is not allowed/],
      [{ ...base, raster: '/vsicurl/http://169.254.169.254/latest' }, /^raster: .* is not allowed/],
      [{ ...base, config: 'AWS_SECRET_ACCESS_KEY=x' }, /^config: credentials are never accepted in a request/],
      [{ ...base, method: 'mean' }, /^method\.0: one of relative_count, absolute_count, majority, area/],
      [{ ...base, subproduction_unit_name: 'SPU_NOPE' }, /^subproduction_unit_name: unknown sub-production unit SPU_NOPE/],
      [{ ...base, col_names: 'a b' }, /^col_names: 2 names for 11 reported values/],
    ];
    for (const [data, detail] of cases) {
      const r = await request.post('/v1/services/vector_class_attribution', { headers, data });
      expect(r.status(), JSON.stringify(data)).toBe(400);
      expect((await r.json()).detail).toMatch(detail);
    }
    expect(await orderCount(c.client_id)).toBe(0);
  });
});
