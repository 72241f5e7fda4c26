/**
 * `npm run bench:logs [-- N]` — log records through the whole pipeline: a process's log shipper (batches of 500)
 * → the `logs` queue in Redis → the log sink (a BullMQ worker running writeLogs, as jobs/processors/logs-write.ts)
 * → the logs table; N records (default 100,000), timed until the last is in the table. Then, for the floor, the same
 * records inserted directly in batches of 500. Records are removed afterwards.
 */
import { Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { closeDb, getDb } from '~/db/client';
import { env } from '~/server/env.js';
import { createLogShipper } from '~/server/logging/log-shipper';
import type { LogRecordInput } from '~/server/logging/schemas';
import { writeLogs } from '~/server/logging/write-logs';
import { createQueues } from '~/server/queue/enqueue';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { fmt } from './lib';

const N = Number(process.argv[2] ?? 100_000);
const db = await getDb();
const redis = createQueueConnection(env.REDIS_URL);
const prefix = `bench-logs-${randomBytes(4).toString('hex')}`;
const queues = createQueues(redis, prefix);
const service = 'bench-logs';
const count = async () =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from logs where service = ${service}`))[0]!.n;
const record = (i: number): LogRecordInput => ({
  level: i % 10 === 0 ? 'WARNING' : 'INFO',
  service,
  message: `record ${i}: task done in ${i % 997} ms`,
  context: { job: 'dag.task', attempt: 1, i },
  at: new Date().toISOString(),
});
const sink = new Worker('logs', async (job) => writeLogs(db, (job.data as { records: LogRecordInput[] }).records), {
  connection: redis.duplicate({ maxRetriesPerRequest: null }),
  prefix,
  concurrency: 2,
});
try {
  await db.execute(sql`delete from logs where service = ${service}`);
  const shipper = createLogShipper(
    { enqueue: queues.enqueue, writeDirect: (r) => writeLogs(db, r) },
    { batch: 500, intervalMs: 100 },
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    shipper.push(record(i));
    if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
  }
  await shipper.close();
  while ((await count()) < N) await new Promise((r) => setTimeout(r, 50));
  const pipeline = (performance.now() - t0) / 1000;
  const s = shipper.stats();
  await db.execute(sql`delete from logs where service = ${service}`);
  const t1 = performance.now();
  for (let i = 0; i < N; i += 500)
    await writeLogs(
      db,
      Array.from({ length: Math.min(500, N - i) }, (_, k) => record(i + k)),
    );
  const direct = (performance.now() - t1) / 1000;
  console.log(`\nLog records, ${N.toLocaleString('en')} of them (this machine)`);
  console.log(
    `  shipper → Redis queue → sink → table   ${fmt(N / pipeline, 0)} records/s  (${fmt(pipeline, 2)} s; ${s.shipped} queued, ${s.direct} direct)`,
  );
  console.log(
    `  floor: direct inserts of 500            ${fmt(N / direct, 0)} records/s  (${fmt(direct, 2)} s); the pipeline is ${fmt(direct / pipeline, 2)}× the floor`,
  );
} finally {
  await sink.close();
  await db.execute(sql`delete from logs where service = ${service}`);
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  await closeDb();
}
