/**
 * `npm start` (after scripts/prepare.sh): build when needed, then run web and worker under the supervisor
 * (scripts/lib/supervise.ts) with prefixed logs: a child that dies is restarted with backoff (logged), the other
 * keeps running. Ctrl-C or SIGTERM stops both process groups cleanly (the worker finishes or releases its jobs first).
 * `npm start -- --workers 3` runs three workers (health ports WORKER_HEALTH_PORT, +1, +2).
 */
import { parseArgs } from 'node:util';
import { env } from '~/server/env.js';
import { buildIfNeeded } from './lib/build';
import { ensurePortFree } from './lib/ports';
import { productionChildren, supervise } from './lib/supervise';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '1' } } });
const workers = Math.max(1, Math.min(64, Number(values.workers) || 1));

await ensurePortFree(env.HOST, env.PORT, 'PORT');
for (let i = 0; i < workers; i++) await ensurePortFree(env.HOST, env.WORKER_HEALTH_PORT + i, 'WORKER_HEALTH_PORT');
buildIfNeeded();

// Readable logs for a person at a terminal unless LOG_JSON says otherwise.
const childEnv = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_JSON: String(env.LOG_JSON ?? false),
} as NodeJS.ProcessEnv;
const runner = supervise(
  productionChildren({
    web: true,
    workers,
    host: env.HOST,
    port: env.PORT,
    workerHealthPort: env.WORKER_HEALTH_PORT,
    env: childEnv,
  }),
  {
    graceMs: env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000,
    handleSignals: true,
    onStopped: () => console.log('  ✓ stopped (PostgreSQL and Redis keep running; `npm run stop` stops them)'),
  },
);
const stopping = runner.stopping;

// Tell the user where to go once the web server answers.
const url = `http://${env.HOST}:${env.PORT}`;
for (let i = 0; i < 120 && !stopping(); i++) {
  const ok = await fetch(`${url}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    console.log(`\n  ✓ CLC+ Backbone is running: ${url}   (readiness: ${url}/readyz · Ctrl-C to stop)\n`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
