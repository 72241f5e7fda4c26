/**
 * `npm run dev` (after `npm run prepare:env` once): the web with Next.js's dev server (hot reload) and the worker
 * under `tsx watch` (restarted when its sources change), prefixed logs, readable text. Ctrl-C stops both.
 * The dev web is `next dev`, not scripts/web.ts: downloads lack Content-Length there and the client address is
 * always 127.0.0.1 (see server/http/client-ip.ts); use `npm start` to try those.
 */
import { env } from '~/server/env.js';
import { ensurePortFree } from './lib/ports';
import { startManaged, superviseTogether, type Managed } from './lib/process-group';

await ensurePortFree(env.HOST, env.PORT, 'PORT');
await ensurePortFree(env.HOST, env.WORKER_HEALTH_PORT, 'WORKER_HEALTH_PORT');

const childEnv = {
  ...process.env,
  NODE_ENV: 'development',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_JSON: String(env.LOG_JSON ?? false),
} as NodeJS.ProcessEnv;
const managed: Managed[] = [
  startManaged(
    'web',
    process.execPath,
    ['node_modules/next/dist/bin/next', 'dev', '--hostname', env.HOST, '--port', String(env.PORT)],
    childEnv,
    0,
  ),
  startManaged(
    'worker',
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'jobs/worker.ts'],
    childEnv,
    1,
  ),
];

superviseTogether(managed, env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000);
console.log(`\n  ▸ development: http://${env.HOST}:${env.PORT} (hot reload; the worker restarts on change)\n`);
