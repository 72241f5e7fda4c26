/**
 * Orders survive a worker killed mid-run, and cancellation reaches running work — with the real worker process
 * (`jobs/worker.ts`) on this file's database, Redis prefix and tiny store:
 * - SIGKILL while the order runs → another worker takes its task over once the lock lapses → SUCCESS, with one
 *   package whose zip is complete and matches its checksum, nothing partial left in the result storage;
 * - a cancelled order ends ABORTED, its running task is aborted (the worker says so), no package is published,
 *   the work folder is removed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { orderEvents, orders, packages } from '~/db/schema';
import { abortOrder } from '~/server/orders/abort-order';
import { createOrder } from '~/server/orders/create-order';
import { fileDigest } from '~/server/storage/file-digest';
import { ORDER_CONFIG, useOrderKit } from '~/test/orders';
import { spawnTsx, type Spawned } from '~/test/spawn';
import { until } from '~/test/until';

const kit = useOrderKit();
// The whole tiny store and a bit more: about 400 km², 4 Mpx (the slowest order the tiny store allows).
const WHOLE = [16.1, 48.08, 16.5, 48.32];

let workers: Spawned[] = [];
afterEach(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});

function startWorker(): Spawned {
  const w = spawnTsx('jobs/worker.ts', {
    DATABASE_URL: kit.t.url,
    QUEUE_PREFIX: kit.r.prefix,
    STORE_DIR: kit.storeDir,
    RESULTS_DIR: kit.resultsDir,
    WORKER_HEALTH_PORT: '0',
    WORKER_TASK_LOCK_MS: '5000',
    WORKER_SHUTDOWN_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'info',
  });
  workers.push(w);
  return w;
}

const statusOf = async (id: string) => (await kit.t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const isFinalStatus = (s: string) => ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'].includes(s);
const order = (product: 'raster' | 'vector') =>
  createOrder(
    { db: kit.t.db, queues: kit.queues },
    { ...ORDER_CONFIG, maxOpenPerClient: 100 },
    {
      service: 'get_product',
      owner: { apiClientId: kit.clients[0]!.id },
      request: { product, aoi: WHOLE },
    },
  );

const partials = () =>
  fs.existsSync(path.join(kit.resultsDir, 'packages'))
    ? (fs.readdirSync(path.join(kit.resultsDir, 'packages'), { recursive: true }) as string[]).filter((f) => /partial/.test(f))
    : [];

describe('reliability', () => {
  it('SIGKILL of the worker mid-order: after a restart the order still ends SUCCESS with one complete package', async () => {
    let id = '';
    // Kill as soon as the order runs; if it finished before the kill landed, try again (the run takes ~1 s).
    for (let attempt = 0; attempt < 5 && !id; attempt++) {
      const w = startWorker();
      await w.waitFor(/ready: queues/);
      const { order: o } = await order(attempt % 2 ? 'raster' : 'vector');
      await until(async () => (await statusOf(o.id)).status === 'RUNNING', 30_000, 5);
      w.child.kill('SIGKILL');
      await w.exited;
      if (!isFinalStatus((await statusOf(o.id)).status)) id = o.id;
    }
    expect(id, 'an order still running when its worker was killed').not.toBe('');
    expect(await kit.t.db.select().from(packages).where(eq(packages.orderId, id))).toHaveLength(0);

    const w2 = startWorker();
    await w2.waitFor(/ready: queues/);
    const done = await until(
      async () => {
        const o = await statusOf(id);
        return isFinalStatus(o.status) && o;
      },
      60_000,
      100,
    );
    expect(done.errorMessage).toBeNull();
    expect(done.status).toBe('SUCCESS');
    const live = await kit.t.db
      .select()
      .from(packages)
      .where(and(eq(packages.orderId, id), isNull(packages.deletedAt)));
    expect(live).toHaveLength(1);
    const zip = path.join(kit.resultsDir, 'packages', live[0]!.storageKey);
    // Python's zipfile checks every member's CRC.
    execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None', zip]);
    expect(await fileDigest(zip)).toEqual({ bytes: live[0]!.bytes, sha256: live[0]!.sha256 });
    expect(fs.readdirSync(path.join(kit.resultsDir, 'packages', id))).toEqual([live[0]!.fileName]);
    expect(partials()).toEqual([]);
    const events = await kit.t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(orderEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['RECEIVED', 'QUEUED', 'RUNNING', 'SUCCESS']);
    await until(async () => !fs.existsSync(path.join(kit.resultsDir, 'work', id)), 10_000);
  }, 180_000);

  it('a cancelled order stops its running work and ends ABORTED, with no package', async () => {
    const w = startWorker();
    await w.waitFor(/ready: queues/);
    let id = '';
    for (let attempt = 0; attempt < 5 && !id; attempt++) {
      const { order: o } = await order('vector');
      await until(async () => (await statusOf(o.id)).status === 'RUNNING', 30_000, 5);
      try {
        await abortOrder(
          { db: kit.t.db, redis: kit.r.redis, channelPrefix: kit.r.prefix },
          { apiClientId: kit.clients[0]!.id, admin: false, label: 'test' },
          o.id,
        );
        id = o.id;
      } catch {
        // It finished first: try again.
      }
    }
    expect(id).not.toBe('');
    await w.waitFor(new RegExp(`cancelled running tasks.*${id}`), 10_000);
    await until(async () => !fs.existsSync(path.join(kit.resultsDir, 'work', id)), 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    const o = await statusOf(id);
    expect(o.status).toBe('ABORTED');
    expect(o.stoppedAt).not.toBeNull();
    expect(await kit.t.db.select().from(packages).where(eq(packages.orderId, id))).toHaveLength(0);
    const events = await kit.t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(orderEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['RECEIVED', 'QUEUED', 'RUNNING', 'ABORTED']);
    // Cancelling again is refused: the order is final.
    await expect(
      abortOrder(
        { db: kit.t.db, redis: kit.r.redis, channelPrefix: kit.r.prefix },
        { apiClientId: kit.clients[0]!.id, admin: false, label: 'test' },
        id,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 120_000);
});
