/**
 * Long GDAL calls (a nation's warp, a COG of Europe) in a child process, so that cancelling really stops them:
 * gdal-async cannot interrupt a running GDAL call (its progress callback cannot ask GDAL to stop), but a process can
 * be killed. The child (subprocess-child.ts) runs one operation of subprocess-ops.ts and reports progress; on abort
 * it is SIGKILLed at once and the promise rejects with the signal's reason. An AppError thrown in the child keeps
 * its code and reason. If the parent dies, the child sees its IPC channel close and exits.
 *
 * Starting a child costs about half a second (Node, tsx, GDAL), so only work that takes longer uses this.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError, type ErrorCode } from '../errors';
import { gdalChildren, gdalChildrenRunning } from '../metrics/gdal';
import { cpuSlots } from './cpu-slots';
import type { SubprocessOps } from './subprocess-ops';

export type ChildMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { message: string; code?: ErrorCode; reason?: string } };

type Op = keyof SubprocessOps;
type Input<K extends Op> = Parameters<SubprocessOps[K]>[0];
type Output<K extends Op> = Awaited<ReturnType<SubprocessOps[K]>>;

const CHILD = fileURLToPath(new URL('./subprocess-child.ts', import.meta.url));
// tsx by absolute URL, and the repository root as the child's directory (tsx reads tsconfig.json there for the `~/`
// alias): the child works whatever the worker's current directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Opts = { signal?: AbortSignal; onProgress?: (fraction: number) => void; onStart?: (pid: number) => void };

/** Runs `op` in a child once one of this process's CPU slots is free (server/geo/cpu-slots.ts). */
export function runInSubprocess<K extends Op>(op: K, input: Input<K>, opts: Opts = {}): Promise<Output<K>> {
  return cpuSlots.run(() => runChild(op, input, opts), opts.signal);
}

function runChild<K extends Op>(op: K, input: Input<K>, opts: Opts): Promise<Output<K>> {
  opts.signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { cwd: ROOT, execArgv: ['--import', TSX], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (child.pid) opts.onStart?.(child.pid);
    gdalChildrenRunning.inc();
    let settled = false;
    let outcome: 'ok' | 'error' | 'killed' = 'error';
    child.once('exit', () => {
      gdalChildrenRunning.dec();
      gdalChildren.inc({ op, outcome });
    });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      outcome = 'killed';
      child.kill('SIGKILL');
      settle(() => reject(opts.signal!.reason));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.fraction);
      else if (m.type === 'result') {
        if (!settled) outcome = 'ok';
        settle(() => resolve(m.value as Output<K>));
      } else if (m.type === 'error') {
        const { message, code, reason } = m.error;
        settle(() => reject(code ? new AppError(code, message, reason ? { reason } : {}) : new Error(`${op}: ${message}`)));
      }
    });
    child.on('error', (e) => settle(() => reject(e)));
    child.on('exit', (code, signal) =>
      settle(() => reject(new Error(`the ${op} subprocess exited (${signal ?? `code ${code}`}) without a result`))),
    );
    child.send({ op, input });
  });
}
