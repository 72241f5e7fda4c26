/**
 * The order kit for integration tests: the test file's own database (seeded, nation boundaries loaded), a tiny
 * demo store (2 × 2 units of 10 km around central Vienna, raster + vector) and results folder in a temp dir, two
 * API clients, and — with `{ worker: true }` — the real job runner with the product DAGs on BullMQ in this process.
 */
import path from 'node:path';
import { parseSourceRoots } from '~/server/storage/source-path';
import { type Worker } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { DAGS } from '~/dags';
import type { DagServices } from '~/dags/define-dag';
import type { Redis } from 'ioredis';
import { listenForCancellations } from '~/jobs/engine/cancellation';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { createClient } from '~/server/clients/create-client';
import { loadNationBoundaries } from '~/server/geo/load-nation-boundaries';
import type { OrderConfig } from '~/server/orders/create-order';
import { localStorage } from '~/server/results/local-storage';
import type { ResultStorage } from '~/server/results/result-storage';
import { makeDemoData } from '~/server/storage/demo/make-demo-data';
import { useTestDatabase } from './db';
import { useTempDir } from './geo';
import { useTestRedis } from './redis';
import { startTestWorkers } from './workers';

export const ORDER_CONFIG: OrderConfig = {
  rasterProduct: 'clcplus_raster',
  vectorProduct: 'clcplus_vector',
  maxAreaKm2: 5_000,
  maxPixels: 60_000_000,
  maxOpenPerClient: 3,
};

/** Central Vienna, about 2 km × 1.5 km, as WKT in EPSG:4326 (inside the tiny store). */
export const VIENNA_WKT = 'POLYGON ((16.355 48.200, 16.385 48.198, 16.392 48.212, 16.370 48.218, 16.352 48.211, 16.355 48.200))';

/** `results`: where packages are published (default: a local folder in the temp dir). */
export function useOrderKit(opts: { worker?: boolean; results?: () => Promise<ResultStorage> } = {}) {
  const t = useTestDatabase();
  const r = useTestRedis();
  const dir = useTempDir('clcplus-orders-');
  const kit = {
    t,
    r,
    dir,
    storeDir: path.join(dir, 'store'),
    resultsDir: path.join(dir, 'results'),
    clients: [] as { id: string; clientId: string }[],
    queues: undefined as unknown as Queues,
    services: undefined as unknown as DagServices,
    workers: [] as Worker[],
    subscriber: undefined as Redis | undefined,
  };
  beforeAll(async () => {
    await seedDatabase(t.db, { adminEmail: 'a@example.org' });
    await loadNationBoundaries(t.db);
    await makeDemoData({ db: t.db, storeDir: kit.storeDir, workDir: path.join(dir, 'demo') }, { size: 'tiny' });
    for (const name of ['owner', 'other']) {
      const { client } = await createClient(t.db, { name, scopes: ['get_product'] }, { type: 'system', id: 'test' });
      kit.clients.push({ id: client.id, clientId: client.clientId });
    }
    kit.queues = createQueues(r.redis, r.prefix);
    kit.services = {
      db: t.db,
      storeDir: kit.storeDir,
      workDir: path.join(kit.resultsDir, 'work'),
      results: opts.results ? await opts.results() : localStorage(path.join(kit.resultsDir, 'packages')),
      packageTtlHours: 1,
      products: { raster: 'clcplus_raster', vector: 'clcplus_vector' },
      sourceRoots: parseSourceRoots(path.join(kit.resultsDir, 'inbox')),
      now: () => new Date(),
    };
    if (opts.worker) {
      kit.workers = startTestWorkers({
        db: t.db,
        redis: r.redis,
        prefix: r.prefix,
        queues: kit.queues,
        dags: DAGS,
        dagServices: kit.services,
        on: { tasks: 2, orders: 4 },
      });
      kit.subscriber = await listenForCancellations(r.redis, r.prefix, { tasksQueue: kit.queues.get('tasks') });
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(kit.workers.map((w) => w.close()));
    await kit.subscriber?.quit();
    await kit.queues?.close();
  });
  return kit;
}
