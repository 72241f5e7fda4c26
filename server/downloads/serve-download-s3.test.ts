/**
 * Results in an S3 bucket, end to end: an order's package is uploaded by the worker to a real S3 server (s3rver),
 * nothing stays on the local disk, the download link answers 302 to a short presigned URL that serves the very bytes
 * whose SHA-256 the order reports; retention deletes the object.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, describe, expect, it } from 'vitest';
import { orders, packages } from '~/db/schema';
import { createOrder } from '../orders/create-order';
import { getOrderStatus } from '../orders/get-order-status';
import { expirePackages } from '../packages/expire-packages';
import { s3Storage } from '../results/s3-storage';
import { ORDER_CONFIG, useOrderKit, VIENNA_WKT } from '~/test/orders';
import { until } from '~/test/until';
import { serveDownload } from './serve-download';

const KEY = 'k'.repeat(40);
let server: S3rver | undefined;
const kit = useOrderKit({
  worker: true,
  results: async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(kit.dir, 's3'),
      configureBuckets: [{ name: 'results' }],
    });
    const { port } = await server.run();
    return s3Storage({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'results',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
  },
});
afterAll(() => server?.close());

describe('orders with results in S3', () => {
  it('publishes to the bucket, redirects the download to a presigned URL, and retention deletes the object', async () => {
    const { order } = await createOrder({ db: kit.t.db, queues: kit.queues }, ORDER_CONFIG, {
      service: 'get_product',
      owner: { apiClientId: kit.clients[0]!.id },
      request: { product: 'raster', aoi: VIENNA_WKT },
    });
    const done = await until(async () => {
      const [o] = await kit.t.db.select().from(orders).where(eq(orders.id, order.id));
      return ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(o!.status) && o!;
    }, 60_000);
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
    const [pkg] = await kit.t.db.select().from(packages).where(eq(packages.orderId, order.id));
    expect(fs.existsSync(path.join(kit.resultsDir, 'packages', pkg!.storageKey))).toBe(false);
    expect((await kit.services.results.stat(pkg!.storageKey))?.bytes).toBe(pkg!.bytes);

    const owner = { apiClientId: kit.clients[0]!.id, admin: false };
    const status = await getOrderStatus({ db: kit.t.db, baseUrl: 'http://x', signingKey: KEY }, owner, order.id);
    const token = status.result!.split('/downloads/')[1]!;
    const deps = { db: kit.t.db, results: kit.services.results, signingKey: KEY };
    const res = await serveDownload(deps, owner, new Request('http://x/'), token);
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const presigned = new URL(res.headers.get('location')!);
    expect(Number(presigned.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const download = await fetch(presigned);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${pkg!.fileName}"`);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(status.package!.sha256);
    // Another client still gets nothing, not even a redirect.
    await expect(
      serveDownload(deps, { apiClientId: kit.clients[1]!.id, admin: false }, new Request('http://x/'), token),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await kit.t.db
      .update(packages)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(packages.id, pkg!.id));
    await expirePackages({ db: kit.t.db, results: kit.services.results, now: new Date() });
    expect(await kit.services.results.stat(pkg!.storageKey)).toBeNull();
    await expect(serveDownload(deps, owner, new Request('http://x/'), token)).rejects.toMatchObject({ code: 'GONE' });
  });
});
