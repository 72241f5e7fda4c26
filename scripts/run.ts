/**
 * The production runner without the build step (deploy/, systemd, containers): runs the web and/or N workers under
 * the supervisor (scripts/lib/supervise.ts): a dead child is restarted with backoff, SIGTERM/SIGINT stop them all.
 *   node --import tsx scripts/run.ts [--no-web] [--workers N]
 * `npm start` does the same after its port checks and `next build` when needed.
 */
import { parseArgs } from 'node:util';
import { env } from '~/server/env.js';
import { productionChildren, supervise } from './lib/supervise';

const { values } = parseArgs({
  options: { 'no-web': { type: 'boolean', default: false }, workers: { type: 'string', default: '1' } },
});
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
  console.error('--workers must be a whole number from 0 to 64');
  process.exit(2);
}
const specs = productionChildren({
  web: !values['no-web'],
  workers,
  host: env.HOST,
  port: env.PORT,
  workerHealthPort: env.WORKER_HEALTH_PORT,
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
if (specs.length === 0) {
  console.error('nothing to run (--no-web and --workers 0)');
  process.exit(2);
}
supervise(specs, {
  graceMs: env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000,
  handleSignals: true,
  onStopped: () => console.log('  ✓ stopped'),
});
console.log(`▸ runner (pid ${process.pid}): ${specs.map((s) => s.name).join(', ')}`);
