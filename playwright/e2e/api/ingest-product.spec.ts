/**
 * ingest_product and product_qc over HTTP (`POST /v1/services/<name>`), against the web and worker of the e2e run
 * (sources under SOURCE_ROOTS=.data/e2e-inbox): a store unit exported with gdal_translate and changed pixels is
 * ingested and replaces the unit (the catalogue's sha256 changes, GDAL reads the new pixels); a file in EPSG:4326
 * ends INVALID naming the failed check and changes nothing; a product_qc report downloads and is valid JSON; a source
 * outside SOURCE_ROOTS is refused with 400 naming `source`.
 *
 * The e2e run shares STORE_DIR's files with the development database (scripts/test.ts), and an ingestion deletes the
 * version it replaces: so the successful ingestion goes to a reference year no one else uses (2099), removed after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { clientToken } from '~/playwright/fixtures/cli';
import { curl, pollStatus, PY, root, tempDir, tool, unzip } from '~/playwright/fixtures/orders';

const INBOX = path.join(root, '.data/e2e-inbox');
const YEAR = 2099;
const PRODUCT = env.RASTER_PRODUCT;
let sql: postgres.Sql;
let unit = '';

type Group = { file_path: string; sha256: string };
const groupOf = async (year: number) =>
  (
    await sql<Group[]>`select g.file_path, g.sha256 from store_groups g join products p on p.id = g.product_id
      where p.code = ${PRODUCT} and p.reference_year = ${year} and g.group_name = ${unit}`
  )[0];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  unit = (
    await sql<{ group_name: string }[]>`select g.group_name from store_groups g join products p on p.id = g.product_id
      where p.code = ${PRODUCT} and p.reference_year = 2021 order by g.group_name limit 1`
  )[0]!.group_name;
  fs.mkdirSync(INBOX, { recursive: true });
});

test.afterAll(async () => {
  // The 2099 product is this spec's own: its rows and files go.
  await sql`delete from store_groups where product_id in (select id from products where code = ${PRODUCT} and reference_year = ${YEAR})`;
  await sql`delete from products where code = ${PRODUCT} and reference_year = ${YEAR}`;
  await sql.end();
  fs.rmSync(path.resolve(root, env.STORE_DIR, PRODUCT, String(YEAR)), { recursive: true, force: true });
});

async function tokenFor(request: APIRequestContext, scopes: string) {
  const { token, clientId, headers } = await clientToken(request, scopes);
  return { token, clientId, auth: headers };
}

/** The store's 2021 unit as a GeoTIFF in the inbox (gdal_translate of its netCDF file), pixels changed by Python. */
async function exportUnit(name: string, opts: { year?: number; fillRows?: number; tSrs?: string } = {}) {
  const g = (await groupOf(2021))!;
  const file = path.join(INBOX, name);
  const md = opts.year ? ['-mo', `NC_GLOBAL#reference_year=${opts.year}`] : [];
  tool(
    'gdal_translate',
    '-q',
    '-of',
    'GTiff',
    ...md,
    `NETCDF:"${path.resolve(root, env.STORE_DIR, g.file_path)}":landcover`,
    file,
  );
  if (opts.fillRows) {
    tool(
      PY,
      '-c',
      `from osgeo import gdal; d = gdal.Open("${file}", 1); b = d.GetRasterBand(1); a = b.ReadAsArray(); a[:${opts.fillRows}, :] = 5; b.WriteArray(a); d = None`,
    );
  }
  // A delivered raster carries its attribute table (value, pixel count): written by GDAL's Python bindings.
  tool(
    PY,
    '-c',
    [
      'import sys, numpy as np',
      'from osgeo import gdal',
      'd = gdal.Open(sys.argv[1], gdal.GA_Update); b = d.GetRasterBand(1)',
      'v, n = np.unique(b.ReadAsArray(), return_counts=True)',
      't = gdal.RasterAttributeTable()',
      't.CreateColumn("Value", gdal.GFT_Integer, gdal.GFU_MinMax); t.CreateColumn("Count", gdal.GFT_Integer, gdal.GFU_PixelCount)',
      'rows = [(int(x), int(y)) for x, y in zip(v, n) if x != 255]',
      '[(t.SetValueAsInt(i, 0, x), t.SetValueAsInt(i, 1, y)) for i, (x, y) in enumerate(rows)]',
      'b.SetDefaultRAT(t); d = None',
    ].join('\n'),
    file,
  );
  if (opts.tSrs) {
    const out = path.join(INBOX, `warped-${name}`);
    tool('gdalwarp', '-q', '-t_srs', opts.tSrs, '-r', 'near', file, out);
    return path.basename(out);
  }
  return name;
}

const order = async (
  request: APIRequestContext,
  service: string,
  auth: Record<string, string>,
  body: Record<string, unknown>,
) => {
  const r = await request.post(`/v1/services/${service}`, {
    headers: auth,
    data: { processing_unit_name: unit, product: 'raster', reference_year: 2021, ...body },
  });
  return r;
};

test.describe('ingest_product and product_qc over HTTP', () => {
  test('a unit with changed pixels is ingested (added, then replaced): the catalogue and GDAL see the new file', async ({
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const { token, auth } = await tokenFor(request, 'ingest_product');
    const first = await order(request, 'ingest_product', auth, {
      reference_year: YEAR,
      source: await exportUnit('e2e-a.tif', { year: YEAR }),
    });
    expect(first.status(), await first.text()).toBe(202);
    const s1 = await pollStatus(baseURL!, (await first.json()).links.href, token);
    expect(s1.error).toBeNull();
    expect(s1.status).toBe('SUCCESS');
    const added = (await groupOf(YEAR))!;

    const second = await order(request, 'ingest_product', auth, {
      reference_year: YEAR,
      source: await exportUnit('e2e-b.tif', { year: YEAR, fillRows: 100 }),
    });
    expect(second.status()).toBe(202);
    const s2 = await pollStatus(baseURL!, (await second.json()).links.href, token);
    expect(s2.error).toBeNull();
    expect(s2.status).toBe('SUCCESS');
    const replaced = (await groupOf(YEAR))!;
    expect(replaced.sha256).not.toBe(added.sha256);
    expect(fs.existsSync(path.resolve(root, env.STORE_DIR, added.file_path))).toBe(false);
    const rows = tool(
      PY,
      '-c',
      `from osgeo import gdal; a = gdal.Open('NETCDF:"${path.resolve(root, env.STORE_DIR, replaced.file_path)}":landcover').ReadAsArray(); print(int((a[:100, :] == 5).all()), int((a[100:, :] == 5).all()))`,
    ).trim();
    expect(rows).toBe('1 0');

    // Its download: the QC report and the ingestion summary.
    const dir = tempDir('clcplus-ingest-');
    const zip = path.join(dir, s2.package!.file_name);
    curl('-f', '-o', zip, '-H', `Authorization: bearer ${token}`, s2.result!);
    const folder = path.join(unzip(zip, path.join(dir, 'x')), s2.package!.file_name.replace(/\.zip$/, ''));
    expect(fs.readdirSync(folder).sort()).toEqual(['ingestion.json', 'report.json', 'report.md']);
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'ingestion.json'), 'utf8'))).toMatchObject({
      action: 'replaced',
      group: unit,
      sha256: replaced.sha256,
    });
  });

  test('a file in EPSG:4326 ends INVALID naming the crs check, and the store is unchanged', async ({ request, baseURL }) => {
    test.setTimeout(90_000);
    const { token, auth } = await tokenFor(request, 'ingest_product');
    const before = await groupOf(2021);
    const r = await order(request, 'ingest_product', auth, { source: await exportUnit('e2e-4326.tif', { tSrs: 'EPSG:4326' }) });
    expect(r.status()).toBe(202);
    const s = await pollStatus(baseURL!, (await r.json()).links.href, token);
    expect(s.status).toBe('INVALID');
    expect(s.error!.message).toMatch(/^qc: QC failed, nothing ingested: crs \(EPSG:4326/);
    expect(await groupOf(2021)).toEqual(before);
    expect(fs.existsSync(path.resolve(root, env.STORE_DIR, before!.file_path))).toBe(true);
  });

  test('product_qc: the report of a failing file downloads as valid JSON; the order succeeds', async ({ request, baseURL }) => {
    const { token, auth } = await tokenFor(request, 'product_qc');
    const r = await order(request, 'product_qc', auth, { source: 'warped-e2e-4326.tif' });
    expect(r.status(), await r.text()).toBe(202);
    const s = await pollStatus(baseURL!, (await r.json()).links.href, token);
    expect(s.status).toBe('SUCCESS');
    const dir = tempDir('clcplus-qc-');
    const zip = path.join(dir, s.package!.file_name);
    curl('-f', '-o', zip, '-H', `Authorization: bearer ${token}`, s.result!);
    const folder = path.join(unzip(zip, path.join(dir, 'x')), s.package!.file_name.replace(/\.zip$/, ''));
    const report = JSON.parse(fs.readFileSync(path.join(folder, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ unit, product: 'raster', referenceYear: 2021, passed: false });
    expect(report.checks.find((c: { id: string }) => c.id === 'crs')).toMatchObject({ passed: false });
    expect(fs.readFileSync(path.join(folder, 'report.md'), 'utf8')).toMatch(/\*\*FAILED\*\*/);
  });

  test('a source outside SOURCE_ROOTS is refused with 400 naming source, and no order is written', async ({ request }) => {
    const { clientId, auth } = await tokenFor(request, 'ingest_product');
    for (const service of ['ingest_product', 'product_qc']) {
      const r = await order(request, service, auth, { source: '/etc/passwd' });
      expect(r.status()).toBe(400);
      expect((await r.json()).detail).toMatch(/^source: \/etc\/passwd is not allowed/);
    }
    const [n] = await sql<{ n: number }[]>`select count(*)::int as n from orders o join api_clients c on c.id = o.api_client_id
      where c.client_id = ${clientId}`;
    expect(n!.n).toBe(0);
  });
});
