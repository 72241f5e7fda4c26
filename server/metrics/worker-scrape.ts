/**
 * The worker's scrape-time gauges: jobs by queue and state (BullMQ's counts, read from Redis when scraped) and the
 * free and total space of the store and results folders (statfs; the results folder only with local results).
 * Every worker answers the same counts; alert rules take the max over instances.
 */
import fs from 'node:fs/promises';
import { Gauge, Registry } from 'prom-client';
import type { Queues } from '../queue/enqueue';
import type { QueueName } from '../queue/queues';
import { cachedSnapshot } from './scrape-cache';

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed', 'completed'] as const;

export function createWorkerScrapeRegistry(deps: {
  queues: Queues;
  queueNames: readonly QueueName[];
  /** Folders whose file system is watched, by volume label (`store`, `results`). */
  volumes: Record<string, string>;
  cacheMs?: number;
}): Registry {
  const registry = new Registry();
  const counts = cachedSnapshot(
    () => Promise.all(deps.queueNames.map(async (q) => [q, await deps.queues.get(q).getJobCounts(...STATES)] as const)),
    deps.cacheMs ?? 2_000,
  );
  new Gauge({
    name: 'clcplus_queue_jobs',
    help: 'Jobs in each queue by state (BullMQ counts at scrape time)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const all = await counts().catch(() => []);
      for (const [queue, byState] of all) for (const state of STATES) this.set({ queue, state }, byState[state] ?? 0);
    },
  });
  const disks = cachedSnapshot(
    () =>
      Promise.all(
        Object.entries(deps.volumes).map(async ([volume, dir]) => {
          const s = await fs.statfs(dir).catch(() => null);
          return s ? { volume, free: s.bavail * s.bsize, size: s.blocks * s.bsize } : null;
        }),
      ),
    deps.cacheMs ?? 2_000,
  );
  new Gauge({
    name: 'clcplus_disk_free_bytes',
    help: 'Space left to this process on the file system of each volume (store, results)',
    labelNames: ['volume'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const d of await disks()) if (d) this.set({ volume: d.volume }, d.free);
    },
  });
  new Gauge({
    name: 'clcplus_disk_size_bytes',
    help: 'Size of the file system of each volume (store, results)',
    labelNames: ['volume'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const d of await disks()) if (d) this.set({ volume: d.volume }, d.size);
    },
  });
  return registry;
}
