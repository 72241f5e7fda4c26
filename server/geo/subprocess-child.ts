/**
 * The child side of runInSubprocess: receives one `{ op, input }`, runs it, sends progress (at most one message per
 * whole percent) and then the result or the error, and exits. Exits too when the parent goes away.
 */
import { spawnSync } from 'node:child_process';
import { isAppError } from '../errors';
import type { ChildMessage } from './subprocess';
import { SUBPROCESS_OPS, type SubprocessOps } from './subprocess-ops';

const send = (m: ChildMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

// The parent is gone: stop now. Neither process.exit nor process.kill(process.pid) would: both first wait for the
// running GDAL call (gdal-async's dataset close blocks until background operations end); a kill from outside does not.
process.on('disconnect', () => spawnSync('kill', ['-KILL', String(process.pid)]));
// A stop of the worker's process group (npm start's SIGTERM, a terminal's Ctrl-C) is the worker's to handle: it lets
// running work finish or aborts it (which kills this child). Dying here would fail the task under its feet.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => {});
// Every failure of the operation is caught and sent to the parent below: nothing is left to reject.
process.once('message', (m: { op: keyof SubprocessOps; input: never }) => void runOp(m));

async function runOp({ op, input }: { op: keyof SubprocessOps; input: never }) {
  let last = -1;
  const progress = (fraction: number) => {
    const pct = Math.floor(fraction * 100);
    if (pct > last) {
      last = pct;
      void send({ type: 'progress', fraction });
    }
  };
  try {
    const run = SUBPROCESS_OPS[op] as (input: never, progress: (f: number) => void) => Promise<unknown>;
    if (!run) throw new Error(`unknown operation ${String(op)}`);
    const value = await run(input, progress);
    // gdal-async delivers the progress of its async calls through the event loop and may drop the last ones when
    // the call ends first: the end is reported here, so a caller always sees 100 %.
    progress(1);
    await send({ type: 'result', value });
  } catch (e) {
    const error = isAppError(e)
      ? { message: e.detail, code: e.code, reason: e.reason }
      : { message: e instanceof Error ? e.message : String(e) };
    await send({ type: 'error', error });
  }
  process.removeAllListeners('disconnect');
  process.disconnect();
}
