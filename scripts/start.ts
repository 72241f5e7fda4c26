/**
 * `npm start` (after scripts/prepare.sh): build when needed, then run web and worker together with prefixed logs.
 * Ctrl-C or SIGTERM stops both process groups cleanly (the worker finishes or releases its jobs first).
 */
import { env } from '~/server/env.js';
import { buildIfNeeded } from './lib/build';
import { ensurePortFree } from './lib/ports';
import { startManaged, superviseTogether, type Managed } from './lib/process-group';

await ensurePortFree(env.HOST, env.PORT, 'PORT');
await ensurePortFree(env.HOST, env.WORKER_HEALTH_PORT, 'WORKER_HEALTH_PORT');
buildIfNeeded();

// Readable logs for a person at a terminal unless LOG_JSON says otherwise.
const childEnv = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_JSON: String(env.LOG_JSON ?? false),
} as NodeJS.ProcessEnv;
const managed: Managed[] = [
  startManaged(
    'web',
    process.execPath,
    ['--import', 'tsx', 'scripts/web.ts', '--host', env.HOST, '--port', String(env.PORT)],
    childEnv,
    0,
  ),
  startManaged('worker', process.execPath, ['--import', 'tsx', 'jobs/worker.ts'], childEnv, 1),
];

const stopping = superviseTogether(managed, env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000, () =>
  console.log('  ✓ stopped (PostgreSQL and Redis keep running; `npm run stop` stops them)'),
);

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
