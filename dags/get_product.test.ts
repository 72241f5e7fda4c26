/**
 * get_product on the real engine (BullMQ in this process), database and a tiny store: a raster and a vector order
 * for central Vienna end SUCCESS with one published package whose files GDAL's own tools read as promised.
 * (The full verification against gdalwarp/ogr2ogr/rasterio runs over HTTP in playwright/e2e/api/orders.spec.ts.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderEvents, orders, packages } from '~/db/schema';
import { createHash } from 'node:crypto';
import { serveDownload } from '~/server/downloads/serve-download';
import gdal from '~/server/geo/gdal';
import { reproject } from '~/server/geo/reproject';
import { createOrder } from '~/server/orders/create-order';
import { getOrderStatus } from '~/server/orders/get-order-status';
import { parseAoi } from '~/server/orders/parse-aoi';
import { expirePackages } from '~/server/packages/expire-packages';
import { updateRasterByBounds } from '~/server/storage/update-raster-by-bounds';
import { ORDER_CONFIG, useOrderKit, VIENNA_WKT } from '~/test/orders';
import { until } from '~/test/until';

const kit = useOrderKit({ worker: true });
const KEY = 'k'.repeat(40);

const order = (
  request: Parameters<typeof createOrder>[2]['request'],
  service: 'get_product' | 'get_national_product' | 'get_product_europe' = 'get_product',
) =>
  createOrder({ db: kit.t.db, queues: kit.queues }, ORDER_CONFIG, {
    service,
    owner: { apiClientId: kit.clients[0]!.id },
    request,
  });

const finished = (id: string, timeout = 60_000) =>
  until(async () => {
    const [o] = await kit.t.db.select().from(orders).where(eq(orders.id, id));
    return ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(o!.status) && o!;
  }, timeout);

const unzip = (zip: string, to: string) => {
  execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', zip, to]);
  return to;
};

describe('get_product', () => {
  it('a raster order ends SUCCESS with a COG package', async () => {
    const { order: o } = await order({ product: 'raster', aoi: VIENNA_WKT });
    const done = await finished(o.id);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
    const pkgs = await kit.t.db.select().from(packages).where(eq(packages.orderId, o.id));
    expect(pkgs).toHaveLength(1);
    const zip = path.join(kit.resultsDir, 'packages', pkgs[0]!.storageKey);
    const out = unzip(zip, path.join(kit.dir, 'unzipped', o.id));
    const name = pkgs[0]!.fileName.replace(/\.zip$/, '');
    expect(name).toBe(`CLMS_CLCplus_RASTER_2021_010m_${o.id.replace(/-/g, '')}_03035_V1_1`);
    const files = fs.readdirSync(path.join(out, name)).sort();
    expect(files).toEqual(
      [
        `${name}.tif`,
        `${name}.tif.aux.xml`,
        `${name}.tif.vat.dbf`,
        `${name}.tif.vat.cpg`,
        `${name}.qml`,
        `${name}.sld`,
        `${name}.txt`,
        `${name}_legend.csv`,
        `${name}.xml`,
        `${name}.json`,
        `${name}_aoi.geojson`,
      ].sort(),
    );
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', path.join(out, name, `${name}.tif`)]).toString());
    expect(info.stac['proj:epsg']).toBe(3035);
    const events = await kit.t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(orderEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['RECEIVED', 'QUEUED', 'RUNNING', 'SUCCESS']);
  });

  it('a vector order ends SUCCESS with a GeoPackage', async () => {
    const { order: o } = await order({ product: 'vector', aoi: VIENNA_WKT });
    const done = await finished(o.id);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
  });

  it('a national order (Austria) ends SUCCESS in EPSG:31287', async () => {
    const { order: o } = await order({ product: 'raster', nation: 'Austria' }, 'get_national_product');
    const done = await finished(o.id, 120_000);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
  });

  it('a national vector order (Austria) is reprojected to EPSG:31287 and clipped to the boundary', async () => {
    const { order: o } = await order({ product: 'vector', nation: 'Austria' }, 'get_national_product');
    const done = await finished(o.id, 120_000);
    expect(done.errorMessage).toBeNull();
    const [p] = await kit.t.db.select().from(packages).where(eq(packages.orderId, o.id));
    const name = 'CLMS_CLCplus_VECTOR_2021_AT_31287_V1_1';
    expect(p!.fileName).toBe(`${name}.zip`);
    const out = unzip(path.join(kit.resultsDir, 'packages', p!.storageKey), path.join(kit.dir, 'unzipped', o.id));
    const info = execFileSync('ogrinfo', ['-so', '-al', path.join(out, name, `${name}.gpkg`)]).toString();
    expect(info).toMatch(/ID\["EPSG",31287\]/);
    expect(info).toMatch(/Layer name: clcplus_vector_2021/);
    expect(Number(/Feature Count: (\d+)/.exec(info)![1])).toBeGreaterThan(100);
  });

  it('a Europe order ends SUCCESS, and the next one reuses its package (its expiry pushed out)', async () => {
    const { order: a } = await order({ product: 'raster' }, 'get_product_europe');
    const doneA = await finished(a.id);
    expect(doneA.status).toBe('SUCCESS');
    const { order: b } = await order({ product: 'raster' }, 'get_product_europe');
    const doneB = await finished(b.id);
    expect(doneB.status).toBe('SUCCESS');
    const pa = (doneA.result as { package: { packageId: string } }).package.packageId;
    expect((doneB.result as { package: { packageId: string } }).package.packageId).toBe(pa);
    expect((doneB.result as { extract: unknown }).extract).toBeNull();
    const live = await kit.t.db
      .select()
      .from(packages)
      .where(eq(packages.reuseKey, (await kit.t.db.select().from(packages).where(eq(packages.id, pa)))[0]!.reuseKey!));
    expect(live).toHaveLength(1);
    // Its file is the whole tiny store: 2,000 × 2,000 pixels.
    const zip = path.join(kit.resultsDir, 'packages', live[0]!.storageKey);
    const out = unzip(zip, path.join(kit.dir, 'unzipped', a.id));
    const name = live[0]!.fileName.replace(/\.zip$/, '');
    expect(name).toBe('CLMS_CLCplus_RASTER_2021_010m_eu_03035_V1_1');
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', path.join(out, name, `${name}.tif`)]).toString());
    expect(info.size).toEqual([2000, 2000]);
  });

  it('a replayed dispatch of a finished order changes nothing', async () => {
    const { order: o } = await order({ product: 'raster', aoi: VIENNA_WKT });
    await finished(o.id);
    const before = await kit.t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id));
    await kit.queues.enqueue('dag.dispatch', { orderId: o.id, dagId: 'get_product' }, { jobId: `replay.${o.id}` });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await kit.t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id))).toHaveLength(before.length);
    expect(await kit.t.db.select().from(packages).where(eq(packages.orderId, o.id))).toHaveLength(1);
  });

  it('downloads: the owner and an admin get the package; another client 404; expired → 410 and the file is deleted', async () => {
    const { order: o } = await order({ product: 'raster', aoi: VIENNA_WKT });
    await finished(o.id);
    const status = await getOrderStatus(
      { db: kit.t.db, baseUrl: 'http://x', signingKey: KEY },
      { apiClientId: kit.clients[0]!.id, admin: false },
      o.id,
    );
    const token = status.result!.split('/downloads/')[1]!;
    const serve = (viewer: { apiClientId: string; admin: boolean }, headers: Record<string, string> = {}) =>
      serveDownload(
        { db: kit.t.db, results: kit.services.results, signingKey: KEY },
        viewer,
        new Request('http://x/', { headers }),
        token,
      );
    const owner = await serve({ apiClientId: kit.clients[0]!.id, admin: false });
    expect(owner.status).toBe(200);
    const bytes = Buffer.from(await owner.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(status.package!.sha256);
    expect((await serve({ apiClientId: 'nobody', admin: true })).status).toBe(200);
    await expect(serve({ apiClientId: kit.clients[1]!.id, admin: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      getOrderStatus(
        { db: kit.t.db, baseUrl: 'http://x', signingKey: KEY },
        { apiClientId: kit.clients[1]!.id, admin: false },
        o.id,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Retention: past its expiry the package goes (file and row), and its link answers 410.
    await kit.t.db
      .update(packages)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(packages.orderId, o.id));
    const [p] = await kit.t.db.select().from(packages).where(eq(packages.orderId, o.id));
    const file = path.join(kit.resultsDir, 'packages', p!.storageKey);
    expect(fs.existsSync(file)).toBe(true);
    const r = await expirePackages({ db: kit.t.db, results: kit.services.results, now: new Date() });
    expect(r.expired).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    await expect(serve({ apiClientId: kit.clients[0]!.id, admin: false })).rejects.toMatchObject({ code: 'GONE' });
    const after = await getOrderStatus(
      { db: kit.t.db, baseUrl: 'http://x', signingKey: KEY },
      { apiClientId: kit.clients[0]!.id, admin: false },
      o.id,
    );
    expect(after).toMatchObject({ status: 'SUCCESS', result: null, package: { expired: true } });
  });

  it('an AOI inside the store catalogue but without data ends INVALID with "the product does not cover this area"', async () => {
    // The catalogue says the group covers the area; its pixels there are all no-data (written by updateRasterByBounds).
    const aoi = 'POLYGON ((16.40 48.25, 16.41 48.25, 16.41 48.255, 16.40 48.255, 16.40 48.25))';
    const polygon = reproject(parseAoi(aoi), 4326, 3035);
    const e = gdal.Geometry.fromGeoJson(polygon).getEnvelope();
    const b = {
      minX: Math.floor(e.minX / 10) * 10 - 100,
      minY: Math.floor(e.minY / 10) * 10 - 100,
      maxX: Math.ceil(e.maxX / 10) * 10 + 100,
      maxY: Math.ceil(e.maxY / 10) * 10 + 100,
    };
    const w = (b.maxX - b.minX) / 10;
    const h = (b.maxY - b.minY) / 10;
    await updateRasterByBounds(
      { db: kit.t.db, storeDir: kit.storeDir },
      {
        product: 'clcplus_raster',
        referenceYear: 2021,
        bounds: b,
        grid: { x0: b.minX, y0: b.maxY, width: w, height: h, pixelSize: 10 },
        data: new Uint8Array(w * h).fill(255),
      },
    );
    const { order: o } = await order({ product: 'raster', aoi });
    const done = await finished(o.id);
    expect(done).toMatchObject({
      status: 'INVALID',
      errorCode: 'OUTSIDE_PRODUCT',
      errorMessage: 'extract: the product does not cover this area',
    });
    expect(await kit.t.db.select().from(packages).where(eq(packages.orderId, o.id))).toHaveLength(0);
  });
});
