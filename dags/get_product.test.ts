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
import { orderEvents, orders, packages } from '../db/schema';
import { createOrder } from '../server/orders/create-order';
import { ORDER_CONFIG, useOrderKit, VIENNA_WKT } from '../test/orders';
import { until } from '../test/until';

const kit = useOrderKit({ worker: true });

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

  it('a Europe order ends SUCCESS, and the next one reuses its package', async () => {
    const { order: a } = await order({ product: 'raster' }, 'get_product_europe');
    expect((await finished(a.id)).status).toBe('SUCCESS');
  });
});
