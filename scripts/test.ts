/**
 * `npm test` (after scripts/prepare.sh): every test against the real services.
 *   0. type check and lint
 *   1. vitest: unit and integration tests (each file on a database cloned from a migrated template)
 *   2. the production build (only when sources changed)
 *   3. Playwright in Debian's Chromium against web + worker on a fresh e2e database
 *   4. the outage test (test/outage/): web + worker on a PostgreSQL and a Redis of its own, each stopped and restarted
 *   5. the scale-out test (test/scale/): two webs and two workers on their own PostgreSQL and Redis, 200 orders, one
 *      worker SIGKILLed midway
 * Exits non-zero when any step fails. Extra arguments go to vitest only and skip steps 3 to 5; `--e2e [args]` runs
 * only Playwright (with its arguments), `--outage` only the outage test, `--scale` only the scale-out test:
 *   npm test -- jobs/worker.test.ts
 *   npm test -- --e2e playwright/e2e/api/orders.spec.ts
 *   npm test -- --outage
 *   npm test -- --scale
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import postgres from 'postgres';
import { migrateDatabase } from '~/db/migrate';
import { createDb } from '~/db/client';
import { seedDatabase } from '~/db/seed/seed-database';
import { loadNationBoundaries } from '~/server/geo/load-nation-boundaries';
import { env } from '~/server/env.js';
import { createQueueConnection, deleteByPrefix } from '~/server/redis/client';
import { databaseUrl } from '~/test/names';
import { buildIfNeeded } from './lib/build';
import { forwardWithoutHdf5Noise } from './lib/hdf5-noise';
import { ensurePortFree } from './lib/ports';
import { vitestFailures } from './lib/vitest-failures';

const argv = process.argv.slice(2);
// `npm test -- --e2e [playwright args]`: only the browser tests (e.g. one spec file).
const e2eOnly = argv[0] === '--e2e';
const outageOnly = argv[0] === '--outage';
const scaleOnly = argv[0] === '--scale';
const args = e2eOnly || outageOnly || scaleOnly ? [] : argv;
const e2eArgs = e2eOnly ? argv.slice(1) : [];

/** Removes the e2e run's queues and heartbeats from Redis (before, in case an earlier run was interrupted, and after). */
async function deleteKeys(prefix: string) {
  const redis = createQueueConnection(env.REDIS_URL);
  await deleteByPrefix(redis, prefix);
  await redis.quit();
}
const results: { step: string; ok: boolean; seconds: number }[] = [];

function step(name: string, fn: () => boolean | Promise<boolean>) {
  return async () => {
    console.log(`\n▸ ${name}`);
    const t0 = Date.now();
    const ok = await fn();
    results.push({ step: name, ok, seconds: Math.round((Date.now() - t0) / 1000) });
    return ok;
  };
}

/** Runs a command to its end; true when it exits 0. Its stderr is forwarded without HDF5's diagnostic noise. */
const run = (cmd: string, argv: string[], extraEnv: Record<string, string> = {}) =>
  new Promise<boolean>((resolve) => {
    const child = spawn(cmd, argv, { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, ...extraEnv } });
    forwardWithoutHdf5Noise(child.stderr!, (line) => process.stderr.write(`${line}\n`));
    child.on('close', (code) => resolve(code === 0));
  });

if (args.length === 0 && !e2eOnly && !outageOnly && !scaleOnly) {
  await step('Type check and lint (npm run check)', () => run('npm', ['run', '-s', 'check']))();
}

// vitest also writes a JSON report: the summary at the end repeats the failures (CI logs keep only the tail).
const vitestReport = '.data/vitest-report.json';
rmSync(vitestReport, { force: true }); // a report from an earlier run must not be read as this one's
if (!e2eOnly && !outageOnly && !scaleOnly) {
  await step('Unit and integration tests (vitest)', () =>
    run(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${vitestReport}`,
        ...args,
      ],
      { NODE_ENV: 'test' },
    ),
  )();
}

if (args.length === 0 && !outageOnly && !scaleOnly) {
  await step('Browser tests (Playwright, Debian Chromium)', async () => {
    buildIfNeeded();
    const e2eName = `${new URL(env.DATABASE_URL).pathname.slice(1)}_e2e`;
    const e2eUrl = databaseUrl(env.DATABASE_URL, e2eName);
    const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${e2eName}" with (force)`);
    await admin.unsafe(`create database "${e2eName}"`);
    await admin.end();
    await migrateDatabase(e2eUrl);
    const db = createDb(e2eUrl, { max: 1 });
    const seeded = await seedDatabase(db, { adminEmail: 'admin@e2e.test' });
    await loadNationBoundaries(db);
    await db.$client.end();
    // The store's catalogue (the files in STORE_DIR are shared read-only): orders in the browser tests cut real data.
    const dump = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        'pg_dump --data-only --no-owner -t sub_production_units -t production_units -t products -t store_groups "$SRC" | psql -q -v ON_ERROR_STOP=1 "$DST" >/dev/null',
      ],
      { stdio: 'inherit', env: { ...process.env, SRC: env.DATABASE_URL, DST: e2eUrl } },
    );
    if (dump.status !== 0) return false;

    const port = env.PORT + 100;
    const workerPort = env.WORKER_HEALTH_PORT + 100;
    await ensurePortFree(env.HOST, port, 'PORT');
    await ensurePortFree(env.HOST, workerPort, 'WORKER_HEALTH_PORT');
    const prefix = 'clcplus-e2e';
    await deleteKeys(prefix);
    const ok = await run(
      process.execPath,
      ['node_modules/@playwright/test/cli.js', 'test', '-c', 'playwright/playwright.config.ts', ...e2eArgs],
      {
        DATABASE_URL: e2eUrl,
        PORT: String(port),
        WORKER_HEALTH_PORT: String(workerPort),
        QUEUE_PREFIX: prefix,
        RESULTS_DIR: '.data/e2e-results',
        // Inputs of the production services (ingestion, class attribution) that the e2e tests write.
        SOURCE_ROOTS: '.data/e2e-inbox',
        CORS_ORIGINS: 'https://portal.example.org',
        // Production services need a configured Airflow; none runs here (the bridge's tests use the specs' mocks).
        AIRFLOW_CONNECTIONS: JSON.stringify({
          default: { url: 'http://127.0.0.1:9', apiVersion: 'v2', username: 'e2e', password: 'e2e-not-a-secret' },
        }),
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        E2E_ADMIN_EMAIL: seeded.admin?.email ?? '',
        E2E_ADMIN_PASSWORD: seeded.admin?.password ?? '',
      },
    );
    await deleteKeys(prefix);
    return ok;
  })();
}

if (args.length === 0 && !e2eOnly && !scaleOnly) {
  await step('Outage test (PostgreSQL and Redis stopped and restarted under load)', () => {
    buildIfNeeded();
    return run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '-c', 'test/outage/vitest.config.ts'], {
      NODE_ENV: 'test',
    });
  })();
}

if (args.length === 0 && !e2eOnly && !outageOnly) {
  await step('Scale-out test (two webs, two workers, 200 orders, one worker killed)', () => {
    buildIfNeeded();
    return run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '-c', 'test/scale/vitest.config.ts'], {
      NODE_ENV: 'test',
    });
  })();
}

console.log('\n▸ Summary');
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.step} (${r.seconds} s)`);
for (const line of vitestFailures(vitestReport)) console.log(`    ${line}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
