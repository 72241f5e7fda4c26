/**
 * `npm run dev` (after `npm run prepare:env` once): the web with Next.js's dev server (hot reload) and the worker
 * under `tsx watch` (restarted when its sources change), prefixed logs, readable text. Ctrl-C stops both.
 * The dev web is `next dev`, not scripts/web.ts: downloads lack Content-Length there and the client address is
 * always 127.0.0.1 (see server/http/client-ip.ts); use `npm start` to try those.
 */
import { env } from '../server/env.js';
import { ensurePortFree } from './lib/ports';
import { startManaged, stopAll, type Managed } from './lib/process-group';

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

let stopping = false;
async function stop(reason: string, code: number) {
  if (stopping) return;
  stopping = true;
  console.log(`\n▸ ${reason}: stopping web and worker…`);
  await stopAll(managed, env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000);
  process.exit(code);
}
process.on('SIGINT', () => void stop('Ctrl-C', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));
for (const m of managed) void m.exited.then((code) => stop(`${m.name} exited with code ${code}`, 1));
console.log(`\n  ▸ development: http://${env.HOST}:${env.PORT} (hot reload; the worker restarts on change)\n`);
