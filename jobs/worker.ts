/**
 * The worker process: one BullMQ Worker per queue that has processors, the housekeeping schedules, a heartbeat in
 * Redis, and its own health server. `tsx jobs/worker.ts` (npm run worker).
 *
 * 1. Start: connect, start workers from the queue registry, upsert job schedulers, serve /healthz, /readyz, /metrics.
 * 2. Stop (SIGTERM/SIGINT): stop taking jobs, let running jobs finish until WORKER_SHUTDOWN_TIMEOUT_MS, then abort
 *    them: each is moved back to its queue without using an attempt (run-job.ts), and another worker runs it.
 *    Should the process die instead (SIGKILL), BullMQ's stalled-job check hands the job on once its lock lapses.
 */
import http from 'node:http';
import path from 'node:path';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { createDb, surviveClosedSocketWrite } from '~/db/client';
import { parseSourceRoots } from '~/server/storage/source-path';
import { DAGS } from '~/dags';
import { shipProcessLogs } from '~/server/logging/ship-process-logs';
import { env, publicUrl } from '~/server/env.js';
import { failureSummary } from '~/server/dependency-failure';
import { createLogger } from '~/server/logging/logger';
import { throttleLogger } from '~/server/logging/throttle';
import { createQueueConnection, createFailFastRedis } from '~/server/redis/client';
import { resultStorageFromEnv } from '~/server/results/storage-from-env';
import { listenForAirflowCancellations } from './airflow/listen-airflow-cancellations';
import { listenForCancellations } from './engine/cancellation';
import { checkReadiness } from '~/server/system/check-readiness';
import { createQueues } from '~/server/queue/enqueue';
import { gdalBuildInfo, HEARTBEAT_INTERVAL_MS, removeHeartbeat, writeHeartbeat } from './heartbeat';
import { PROCESSORS } from './processors';
import { QUEUES, type QueueName } from '~/server/queue/queues';
import { JOBS } from './registry';
import { createJobRunner } from './run-job';
import { createKeyStore } from '~/server/auth/key-store';
import { compileAllowFrom } from '~/server/metrics/access';
import { collectProcessMetrics } from '~/server/metrics/registry';
import { serveWorkerMetrics } from '~/server/metrics/worker-endpoint';
import { createWorkerScrapeRegistry } from '~/server/metrics/worker-scrape';

// An outage fails the same way every second (reconnects, polls): one line per distinct failure and 30 s.
const log = throttleLogger(createLogger('worker'));
const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const startedAt = new Date().toISOString();

// 1. Connections -----------------------------------------------------------------------------------------------
surviveClosedSocketWrite();
const db = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_SIZE, applicationName: 'clcplus-worker' });
const connection = createQueueConnection(env.REDIS_URL);
connection.on('error', (e: Error) => log.warn('Redis connection failed; reconnecting', { failure: failureSummary(e) }));
const probeRedis = createFailFastRedis(env.REDIS_URL);
probeRedis.on('error', () => {});
const queues = createQueues(connection, env.QUEUE_PREFIX);
// The worker's own records (task starts, ends, failures per order…) also go to the logs table (GET /v1/logging).
const logShipper = shipProcessLogs({ db, enqueue: queues.enqueue }, env.LOG_SINK_LEVEL);
const abort = new AbortController();
const stats = { done: 0, failed: 0 };

// 2. Workers, one per queue that has processors ----------------------------------------------------------------
const runner = createJobRunner({
  processors: PROCESSORS,
  deps: {
    db,
    redis: connection,
    queuePrefix: env.QUEUE_PREFIX,
    queues,
    dags: DAGS,
    dagServices: {
      db,
      storeDir: path.resolve(env.STORE_DIR),
      workDir: path.resolve(env.RESULTS_DIR, 'work'),
      results: resultStorageFromEnv(),
      packageTtlHours: env.DOWNLOAD_TTL_HOURS,
      products: { raster: env.RASTER_PRODUCT, vector: env.VECTOR_PRODUCT },
      sourceRoots: parseSourceRoots(env.SOURCE_ROOTS),
      now: () => new Date(),
    },
    now: () => new Date(),
    logRetentionDays: env.LOG_RETENTION_DAYS,
    auth: {
      encryptionKey: env.KEY_ENCRYPTION_KEY,
      tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      rotationDays: env.SIGNING_KEY_ROTATION_DAYS,
    },
  },
  log,
  signal: abort.signal,
});
const queueNames = [...new Set(PROCESSORS.map((p) => JOBS[p.job].queue))] as QueueName[];
// Workflow tasks: WORKER_TASK_CONCURRENCY at once (heavy work inside them waits for a CPU slot, server/geo/cpu-slots.ts).
const workerOptions = (name: QueueName) =>
  name !== 'tasks'
    ? QUEUES[name].worker
    : {
        ...QUEUES[name].worker,
        concurrency: env.WORKER_TASK_CONCURRENCY,
        ...(env.WORKER_TASK_LOCK_MS
          ? { lockDuration: env.WORKER_TASK_LOCK_MS, stalledInterval: Math.ceil(env.WORKER_TASK_LOCK_MS / 2) }
          : {}),
      };
const workers = queueNames.map((name) => {
  const w = new Worker(name, runner.process, { connection, prefix: env.QUEUE_PREFIX, ...workerOptions(name) });
  w.on('completed', () => void stats.done++);
  w.on('failed', (job, err) => {
    stats.failed++;
    log.warn('job failed', {
      queue: name,
      job: job?.name,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      failure: failureSummary(err),
    });
  });
  w.on('error', (err) => log.error('worker error', { queue: name, failure: failureSummary(err) }));
  return w;
});

// Cancellation: an order that becomes ABORTED stops its running tasks in this process, and its pending ones go.
const subscriber = await listenForCancellations(connection, env.QUEUE_PREFIX, { tasksQueue: queues.get('tasks'), log });
// An aborted Airflow order's DAG run is set to failed in Airflow at once (jobs/airflow/listen-airflow-cancellations.ts).
const airflowSubscriber = await listenForAirflowCancellations(connection, env.QUEUE_PREFIX, { db, enqueue: queues.enqueue, log });

// Orders accepted while Redis was away could not be enqueued (create-order.ts made them due): once the connection
// is back, reconcile now rather than at the next scheduled minute.
let redisLost = false;
connection.on('close', () => void (redisLost = true));
connection.on('ready', () => {
  if (!redisLost) return;
  redisLost = false;
  log.info('Redis is back: reconciling orders now');
  queues
    .enqueue('maintenance.reconcile-orders', {}, { jobId: `reconcile-on-reconnect.${Date.now()}` })
    .catch((e: unknown) => log.warn('reconcile on reconnect not enqueued', { failure: failureSummary(e) }));
});

// 3. Schedules (idempotent upserts: every worker may do it) -------------------------------------------------------
for (const [name, spec] of Object.entries(JOBS)) {
  if ('schedule' in spec && spec.schedule) {
    await queues.get(spec.queue).upsertJobScheduler(name, { pattern: spec.schedule, tz: 'UTC' }, { name, data: {} });
  }
}

// 4. Heartbeat and health -----------------------------------------------------------------------------------------
let stopping = false;
const running = () => workers.filter((w) => w.isRunning()).length;
const beat = () =>
  writeHeartbeat(connection, env.QUEUE_PREFIX, {
    id,
    host: os.hostname(),
    pid: process.pid,
    queues: queueNames,
    startedAt,
    seenAt: new Date().toISOString(),
    jobsDone: stats.done,
    jobsFailed: stats.failed,
    running: running(),
    gdal: gdalBuildInfo(),
    dags: Object.keys(DAGS),
  }).catch((e: unknown) => log.warn('heartbeat failed', { failure: failureSummary(e) }));
await beat();
// beat() catches and logs its own failures.
const heartbeat = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);

// /metrics (docs/operations.md#metrics): this process's metrics, and the queues' and disks' state when scraped.
collectProcessMetrics();
const metrics = {
  allowFrom: compileAllowFrom(env.METRICS_ALLOW_FROM),
  verify: {
    db,
    keys: createKeyStore(db, { encryptionKey: env.KEY_ENCRYPTION_KEY, tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS }),
    issuer: publicUrl(env),
    audience: env.TOKEN_AUDIENCE,
    trusted: env.TRUSTED_ISSUERS,
  },
  scrape: createWorkerScrapeRegistry({
    queues,
    queueNames,
    volumes: {
      store: path.resolve(env.STORE_DIR),
      ...(env.RESULTS_STORAGE === 'local' ? { results: path.resolve(env.RESULTS_DIR) } : {}),
    },
  }),
};

// checkReadiness answers (never throws) within its timeout, so the handler cannot reject.
const health = http.createServer((req, res) => void answerHealth(req, res));
async function answerHealth(req: http.IncomingMessage, res: http.ServerResponse) {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/healthz') {
    const ok = !stopping && running() === workers.length;
    // Memory for operators and bench:soak (the V8 heap is what a leak of JS objects grows; RSS includes GDAL's).
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    return send(ok ? 200 : 503, {
      status: ok ? 'ok' : stopping ? 'stopping' : 'degraded',
      id,
      queues: queueNames,
      ...stats,
      memory: { rss, heapUsed, heapTotal, external, arrayBuffers },
    });
  }
  if (req.url === '/metrics') return serveWorkerMetrics(req, res, metrics);
  if (req.url === '/readyz') {
    const r = await checkReadiness({ db, redis: probeRedis });
    return send(r.ok && !stopping ? 200 : 503, { status: r.ok && !stopping ? 'ok' : 'unavailable', ...r.checks });
  }
  send(404, { status: 'not found' });
}
await new Promise<void>((resolve) => {
  health.once('error', (e: NodeJS.ErrnoException) => {
    log.error(e.code === 'EADDRINUSE' ? `health port ${env.WORKER_HEALTH_PORT} is in use (set WORKER_HEALTH_PORT)` : e.message);
    process.exit(1);
  });
  health.listen(env.WORKER_HEALTH_PORT, env.HOST, resolve);
});
const address = health.address();
const healthPort = typeof address === 'object' && address ? address.port : env.WORKER_HEALTH_PORT;
log.info(`ready: queues ${queueNames.join(', ')}; health on http://${env.HOST}:${healthPort}/healthz`, { id });

// 5. Graceful shutdown ----------------------------------------------------------------------------------------------
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const t0 = Date.now();
  log.info(`${signal}: stopping (waiting up to ${env.WORKER_SHUTDOWN_TIMEOUT_MS} ms for running jobs)`);
  clearInterval(heartbeat);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), env.WORKER_SHUTDOWN_TIMEOUT_MS)));
  const outcome = await Promise.race([Promise.all(workers.map((w) => w.close())).then(() => 'drained' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log.warn('deadline reached: aborting running jobs; they will be picked up again by another worker');
    abort.abort(new Error('worker shutting down'));
    await runner.settled();
    await Promise.all(workers.map((w) => w.close(true)));
  }
  await removeHeartbeat(connection, env.QUEUE_PREFIX, id).catch(() => {});
  await logShipper.close().catch(() => {});
  await queues.close();
  health.close();
  // After a timeout, abandoned queries (of released jobs) must not hold the exit: close connections at once.
  await Promise.allSettled([
    subscriber.quit(),
    airflowSubscriber.quit(),
    connection.quit(),
    probeRedis.quit(),
    db.$client.end({ timeout: outcome === 'timeout' ? 0 : 5 }),
  ]);
  log.info(`stopped (${outcome}) in ${Date.now() - t0} ms`, { done: stats.done, failed: stats.failed });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
