/**
 * The job runner keeps nothing of a finished job: the worker's memory stayed flat only once no job's result was
 * held by the runner (a race against one shared never-settling promise kept every job's result alive for good).
 * Real BullMQ jobs on real Redis; the runner's own processor list holds one test processor.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { getEventListeners } from 'node:events';
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '~/server/logging/logger';
import { useTestRedis } from '~/test/redis';
import { until } from '~/test/until';
import { defineProcessor, type Processor } from './processors/define-processor';
import type { JobName } from './registry';
import { createJobRunner } from './run-job';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const r = useTestRedis();
const refs: WeakRef<object>[] = [];
const bigResult = defineProcessor({
  job: 'logs.write',
  // ~100 KB per result: kept by mistake, 50 of them are 5 MB, and each is visible through its WeakRef.
  run: async () => {
    const result = { written: 1, padding: 'x'.repeat(100_000) + String(refs.length) };
    refs.push(new WeakRef(result));
    return result;
  },
});

const abort = new AbortController();
const runner = createJobRunner({
  processors: [bigResult] as Processor<JobName>[],
  deps: { queuePrefix: r.prefix } as never, // the test processor uses none of them
  log: createLogger('test'),
  signal: abort.signal,
});
const queue = new Queue('logs', { connection: r.redis, prefix: r.prefix });
const worker = new Worker('logs', runner.process, { connection: r.redis, prefix: r.prefix, concurrency: 4 });
afterAll(async () => {
  await worker.close();
  await queue.close();
});

describe('job runner', () => {
  it('holds no result and no listener of a finished job', async () => {
    let completed = 0;
    worker.on('completed', () => void completed++);
    const record = { level: 'INFO', service: 'test', message: 'm' };
    await queue.addBulk(
      Array.from({ length: 50 }, () => ({ name: 'logs.write', data: { records: [record] }, opts: { removeOnComplete: true } })),
    );
    await until(async () => completed === 50, 20_000);
    await runner.settled();
    // BullMQ hands the last results to 'completed' listeners on the next ticks: let them go, then collect.
    await new Promise((res) => setTimeout(res, 200));
    gc();
    await new Promise((res) => setTimeout(res, 50));
    gc();
    expect(refs).toHaveLength(50);
    expect(refs.filter((w) => w.deref() !== undefined).length).toBeLessThanOrEqual(4);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
  });
});
