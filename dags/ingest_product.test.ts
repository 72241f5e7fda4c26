/**
 * ingest_product and product_qc on the real engine (BullMQ in this process), database and the tiny store, started as
 * the API starts them (services/start-service.ts, sources under the kit's inbox): a unit exported from the store with
 * changed pixels is ingested (replaced, the store reads the new pixels, the package holds the QC report and the
 * summary); a file in EPSG:4326 ends INVALID naming the failed check and the store is unchanged; product_qc reports
 * on a store group and on a failing file, and its order succeeds either way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders, packages } from '~/db/schema';
import type { Caller } from '~/server/auth/verify-access-token';
import { createClient } from '~/server/clients/create-client';
import gdal from '~/server/geo/gdal';
import type { QcReport } from '~/server/qc/qc-report';
import { startService } from '~/server/services/start-service';
import { findGroup } from '~/server/storage/find-groups';
import { readRasterByGroup } from '~/server/storage/read-raster';
import { storeSnapshot, writeNumpyRat } from '~/test/geo';
import { serveFolder } from '~/test/http-files';
import { parseSourceRoots } from '~/server/storage/source-path';
import { useOrderKit } from '~/test/orders';
import { until } from '~/test/until';

const kit = useOrderKit({ worker: true });
const UNIT = '10kmE479N280';
const inbox = () => path.join(kit.resultsDir, 'inbox');
let caller: Caller;

beforeAll(async () => {
  const { client } = await createClient(
    kit.t.db,
    { name: 'producer', scopes: ['ingest_product'] },
    { type: 'system', id: 'test' },
  );
  caller = {
    clientId: client.clientId,
    apiClientId: client.id,
    customerId: client.customerId,
    scopes: ['ingest_product'],
    jti: 'test',
    subject: client.clientId,
    issuer: 'http://issuer.test',
    expiresAt: new Date(Date.now() + 3_600_000),
  };
  fs.mkdirSync(inbox(), { recursive: true });
});

const start = async (service: 'ingest_product' | 'product_qc', body: Record<string, unknown>, extraRoots = '') => {
  const { orders: started } = await startService(
    {
      db: kit.t.db,
      redis: kit.r.redis,
      queuePrefix: kit.r.prefix,
      queues: kit.queues,
      airflowConnectionReady: async () => false,
    },
    { maxOpenPerClient: 20, sourceRoots: [...kit.services.sourceRoots, ...parseSourceRoots(extraRoots)] },
    { service, caller, body: { processing_unit_name: UNIT, product: 'raster', reference_year: 2021, ...body } },
  );
  return started[0]!.id;
};

const finished = (id: string, timeout = 60_000) =>
  until(async () => {
    const [o] = await kit.t.db.select().from(orders).where(eq(orders.id, id));
    return ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(o!.status) && o!;
  }, timeout);

/** The files of an order's package, unzipped by Python's zipfile. */
async function packageFiles(orderId: string): Promise<{ folder: string; files: string[] }> {
  const [p] = await kit.t.db.select().from(packages).where(eq(packages.orderId, orderId));
  const out = path.join(kit.dir, 'unzipped', orderId);
  execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', path.join(kit.resultsDir, 'packages', p!.storageKey), out]);
  const folder = path.join(out, p!.fileName.replace(/\.zip$/, ''));
  return { folder, files: fs.readdirSync(folder).sort() };
}

/** The store's unit as a GeoTIFF (gdal_translate of its netCDF file), with `edit` applied to its pixels. */
async function exportUnit(name: string, edit: (px: Uint8Array) => void): Promise<string> {
  const g = await findGroup(kit.t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
  const file = path.join(inbox(), name);
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', `NETCDF:"${path.join(kit.storeDir, g!.filePath)}":landcover`, file]);
  const ds = gdal.open(file, 'r+');
  const { x, y } = ds.rasterSize;
  const band = ds.bands.get(1);
  const px = band.pixels.read(0, 0, x, y) as Uint8Array;
  edit(px);
  band.pixels.write(0, 0, x, y, px);
  ds.close();
  writeNumpyRat(file); // a delivered raster carries its attribute table
  return file;
}

describe('ingest_product', () => {
  it('a unit with changed pixels is ingested: replaced, the store reads them, the package holds report and summary', async () => {
    const before = await findGroup(kit.t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
    await exportUnit('changed.tif', (px) => px.fill(5, 0, 100 * 1000));
    const id = await start('ingest_product', { source: 'changed.tif' });
    const done = await finished(id);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
    const result = done.result as { ingest: { action: string; sha256: string; histogram: Record<string, number> } };
    expect(result.ingest.action).toBe('replaced');
    const after = await findGroup(kit.t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
    expect(after!.sha256).toBe(result.ingest.sha256);
    expect(after!.sha256).not.toBe(before!.sha256);
    expect(result.ingest.histogram['5']).toBeGreaterThanOrEqual(100_000);
    const read = await readRasterByGroup(
      { db: kit.t.db, storeDir: kit.storeDir },
      { product: 'clcplus_raster', referenceYear: 2021, group: UNIT },
    );
    expect(read.data.subarray(0, 100_000).every((v) => v === 5)).toBe(true);
    const { folder, files } = await packageFiles(id);
    expect(files).toEqual(['ingestion.json', 'report.json', 'report.md']);
    const report = JSON.parse(fs.readFileSync(path.join(folder, 'report.json'), 'utf8')) as QcReport;
    expect(report).toMatchObject({ unit: UNIT, passed: true, input: { kind: 'file', path: path.join(inbox(), 'changed.tif') } });
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'ingestion.json'), 'utf8'))).toMatchObject({
      action: 'replaced',
      group: UNIT,
    });
    expect(fs.existsSync(path.join(kit.services.workDir, id))).toBe(false);
  });

  it('a source on a file server (an http root, read through /vsicurl/ in ranges) is checked and ingested', async () => {
    await exportUnit('remote.tif', (px) => px.fill(7, 0, 50 * 1000));
    const served = await serveFolder(inbox());
    try {
      const url = `${served.url}remote.tif`;
      // Outside the configured roots it is refused when the order is accepted.
      await expect(start('ingest_product', { source: url })).rejects.toThrow(/^source: .* is not allowed/);
      const id = await start('ingest_product', { source: url }, served.url);
      const done = await finished(id);
      expect(done.errorMessage).toBeNull();
      expect(done.params).toMatchObject({ source: `/vsicurl/${url}` });
      const result = done.result as { ingest: { action: string; histogram: Record<string, number> } };
      expect(result.ingest.action).toBe('replaced');
      expect(result.ingest.histogram['7']).toBeGreaterThanOrEqual(50_000);
      const reads = served.requests.filter((r) => r.path === '/remote.tif' && r.status === 206);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((r) => /^bytes=\d+-\d+$/.test(r.range!))).toBe(true);
      expect(served.requests.some((r) => r.path === '/remote.tif.aux.xml' && r.status === 200)).toBe(true);
    } finally {
      await served.close();
    }
  });

  it('a file in EPSG:4326 ends INVALID naming the failed check, and the store is unchanged', async () => {
    const good = await exportUnit('for-4326.tif', () => {});
    const wgs = path.join(inbox(), 'unit-4326.tif');
    execFileSync('gdalwarp', ['-q', '-t_srs', 'EPSG:4326', '-r', 'near', good, wgs]);
    const before = await findGroup(kit.t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT });
    const files = storeSnapshot(kit.storeDir);
    const id = await start('ingest_product', { source: 'unit-4326.tif' });
    const done = await finished(id);
    expect(done.status).toBe('INVALID');
    expect(done.errorCode).toBe('QC_FAILED');
    expect(done.errorMessage).toMatch(/^qc: QC failed, nothing ingested: crs \(EPSG:4326; reproject: gdalwarp -t_srs EPSG:3035/);
    expect((await findGroup(kit.t.db, { product: 'clcplus_raster', referenceYear: 2021, group: UNIT }))!.sha256).toBe(
      before!.sha256,
    );
    expect(storeSnapshot(kit.storeDir)).toEqual(files);
  });

  it('a vector unit (the store’s own, as a GeoPackage) is ingested as a replacement', async () => {
    const g = await findGroup(kit.t.db, { product: 'clcplus_vector', referenceYear: 2021, group: UNIT });
    const gpkg = path.join(inbox(), 'unit.gpkg');
    execFileSync('ogr2ogr', ['-q', '-f', 'GPKG', gpkg, path.join(kit.storeDir, g!.filePath.replace(/\.nc$/, '.gpkg'))]);
    const id = await start('ingest_product', { product: 'vector', source: 'unit.gpkg' });
    const done = await finished(id);
    expect(done.errorMessage).toBeNull();
    expect(done.result).toMatchObject({ ingest: { action: 'replaced', features: g!.featureCount } });
  });
});

describe('product_qc', () => {
  it('the store group: SUCCESS, passed, a report with class statistics', async () => {
    const id = await start('product_qc', {});
    const done = await finished(id);
    expect(done.status).toBe('SUCCESS');
    expect(done.result).toMatchObject({ check: { passed: true, failed: [] } });
    const { folder, files } = await packageFiles(id);
    expect(files).toEqual(['report.json', 'report.md']);
    const report = JSON.parse(fs.readFileSync(path.join(folder, 'report.json'), 'utf8')) as QcReport;
    expect(report.input.kind).toBe('store');
    expect(report.classes.reduce((s, c) => s + c.areaKm2, 0)).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(folder, 'report.md'), 'utf8')).toMatch(/\*\*PASSED\*\*/);
  });

  it('a failing file: the order still succeeds; its result says passed: false and which checks failed', async () => {
    const id = await start('product_qc', { source: 'unit-4326.tif' });
    const done = await finished(id);
    expect(done.status).toBe('SUCCESS');
    const check = (done.result as { check: { passed: boolean; failed: { id: string }[] } }).check;
    expect(check.passed).toBe(false);
    expect(check.failed.map((c) => c.id)).toContain('crs');
  });

  it('a source outside the inbox is refused, naming source', async () => {
    await expect(start('product_qc', { source: '/etc/passwd' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^source: \/etc\/passwd is not allowed/),
    });
  });
});
