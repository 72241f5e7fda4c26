/**
 * The production runner's supervisor (scripts/run.ts, `npm start`): keeps each child running. A child that exits
 * (crash, OOM kill, SIGKILL) is started again after a backoff — 1 s, doubling up to 30 s while it keeps dying soon
 * after its start, back to 1 s once it has run a minute — and each restart is logged. The others keep running.
 * SIGTERM, SIGINT or SIGHUP stop every child's process group (SIGTERM, SIGKILL after the grace period; the worker
 * finishes or releases its jobs first) and end the runner with 0.
 */
import { startManaged, stopAll, type Managed } from './process-group';

export type ChildSpec = { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv };

export type Backoff = { initialMs: number; maxMs: number; /** a run this long resets the backoff */ resetAfterMs: number };
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** The delay before restart number `failures` (1 = first restart after a short run). */
export const backoffDelay = (b: Backoff, failures: number) => Math.min(b.maxMs, b.initialMs * 2 ** Math.max(0, failures - 1));

export type Supervisor = {
  /** The running child of that name (undefined while it waits for its restart). */
  current: (name: string) => Managed | undefined;
  restarts: (name: string) => number;
  stopping: () => boolean;
  /** Stops every child; resolves once they are gone. */
  stop: (reason: string) => Promise<void>;
};

export function supervise(
  specs: ChildSpec[],
  opts: { graceMs: number; backoff?: Backoff; log?: (line: string) => void; handleSignals?: boolean; onStopped?: () => void },
): Supervisor {
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const log = opts.log ?? ((line: string) => console.log(line));
  const running = new Map<string, Managed>();
  const restarts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let stopped: Promise<void> | undefined;

  const start = (spec: ChildSpec, index: number, failures: number) => {
    const m = startManaged(spec.name, spec.command, spec.args, spec.env, index);
    const t0 = Date.now();
    running.set(spec.name, m);
    void m.exited.then(() => {
      running.delete(spec.name);
      if (stopping) return;
      const ranMs = Date.now() - t0;
      const next = ranMs >= backoff.resetAfterMs ? 1 : failures + 1;
      const delay = backoffDelay(backoff, next);
      const how = m.child.signalCode ? `killed by ${m.child.signalCode}` : `exited with code ${m.child.exitCode}`;
      restarts.set(spec.name, (restarts.get(spec.name) ?? 0) + 1);
      log(
        `▸ ${spec.name} (pid ${m.child.pid}) ${how} after ${Math.round(ranMs / 1000)} s: restart #${restarts.get(spec.name)} in ${delay} ms`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) start(spec, index, next);
      }, delay);
      timers.add(timer);
    });
  };
  specs.forEach((s, i) => start(s, i, 0));

  const stop = (reason: string) => {
    if (stopped) return stopped;
    stopping = true;
    for (const t of timers) clearTimeout(t);
    log(`▸ ${reason}: stopping ${specs.map((s) => s.name).join(', ')}…`);
    stopped = stopAll([...running.values()], opts.graceMs).then(() => opts.onStopped?.());
    return stopped;
  };
  if (opts.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => void stop(signal === 'SIGINT' ? 'Ctrl-C' : signal).then(() => process.exit(0)));
    }
  }
  return {
    current: (name) => running.get(name),
    restarts: (name) => restarts.get(name) ?? 0,
    stopping: () => stopping,
    stop,
  };
}

/**
 * The production processes: the web (scripts/web.ts, itself WEB_CONCURRENCY processes on one port) and `workers`
 * worker processes, worker i with its health server on WORKER_HEALTH_PORT + i.
 */
export function productionChildren(o: {
  web: boolean;
  workers: number;
  host: string;
  port: number;
  workerHealthPort: number;
  env: NodeJS.ProcessEnv;
}): ChildSpec[] {
  const tsx = (entry: string, args: string[] = []) => ['--import', 'tsx', entry, ...args];
  const specs: ChildSpec[] = [];
  if (o.web) {
    specs.push({
      name: 'web',
      command: process.execPath,
      args: tsx('scripts/web.ts', ['--host', o.host, '--port', String(o.port)]),
      env: o.env,
    });
  }
  for (let i = 0; i < o.workers; i++) {
    specs.push({
      name: o.workers > 1 ? `worker${i + 1}` : 'worker',
      command: process.execPath,
      args: tsx('jobs/worker.ts'),
      env: { ...o.env, WORKER_HEALTH_PORT: String(o.workerHealthPort === 0 ? 0 : o.workerHealthPort + i) },
    });
  }
  return specs;
}
