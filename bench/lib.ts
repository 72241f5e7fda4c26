/** Small helpers for benchmarks: timing statistics, a concurrent load loop, a production web server on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { apiClients, customers, orders, packages } from '~/db/schema';
import { progressBar } from '~/scripts/lib/progress';
import { env } from '~/server/env.js';
import { DEMO_AREAS } from '~/server/storage/demo/demo-areas';
import { makeDemoData } from '~/server/storage/demo/make-demo-data';
import { findGroup } from '~/server/storage/find-groups';

export function stats(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1] ?? NaN };
}

export const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `fn` from `concurrency` loops for `seconds`; returns per-call latencies and the achieved rate. */
export async function load(fn: () => Promise<void>, opts: { concurrency: number; seconds: number }) {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + opts.seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        try {
          await fn();
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { ...stats(latencies), perSecond: latencies.length / elapsed, errors };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** SIGTERM to a detached child's process group; resolves once it has exited (at once if it already had). */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    /* gone */
  }
  await exited;
}

/** The web server (scripts/web.ts) of the current build with extra environment; resolves when /healthz answers. */
export async function startWeb(
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/web.ts', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    stop: () => stopGroup(child),
  };
}

/**
 * One worker process (jobs/worker.ts) with extra environment (its own QUEUE_PREFIX and RESULTS_DIR, usually); `ready`
 * resolves at its "ready" line and gives the port of its health server (WORKER_HEALTH_PORT=0: a free one).
 * `nodeArgs` go before the script (e.g. `--heapsnapshot-signal=SIGUSR2`, `--cpu-prof`).
 */
export function startWorker(
  env: Record<string, string>,
  opts: { nodeArgs?: string[] } = {},
): { child: ChildProcess; stop: () => Promise<void>; ready: Promise<{ healthUrl: string }> } {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'jobs/worker.ts'], {
    env: { ...process.env, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info', LOG_JSON: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const ready = new Promise<{ healthUrl: string }>((resolve) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ready: queues.*health on (http:\/\/\S+\/healthz)/.exec(out);
      if (m) {
        // Keep draining its output (a full pipe would block the worker's logging), but forget what was read.
        out = '';
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ healthUrl: m[1]! });
      } else if (out.length > 100_000) out = out.slice(-10_000);
    };
    child.stdout!.on('data', onData);
  });
  return { child, ready, stop: () => stopGroup(child) };
}

/** Resident memory of processes from /proc (Linux): VmRSS and VmHWM in MB; undefined when the process is gone. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** The live descendants of a process (children, grandchildren…), from /proc/<pid>/stat. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses: read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Creates the large demo variant (20,000 × 20,000 px, a few minutes) unless it is stored (and its source exists). */
export async function ensureLargeDemo(db: Database, source?: string) {
  const area = DEMO_AREAS.large;
  if (
    (!source || fs.existsSync(source)) &&
    (await findGroup(db, { product: area.product, referenceYear: area.year, group: 'large' }))
  )
    return;
  console.log('  creating the large demo variant (20,000 × 20,000 px)…');
  const bar = progressBar('large variant', 2 * 20_000 * 20_000);
  await makeDemoData(
    { db, storeDir: env.STORE_DIR, workDir: path.join('.data', 'demo') },
    { size: 'large', onProgress: (d) => bar.update(d) },
  );
  bar.done();
}

/** Removes a benchmark's API client with its packages and customer (its orders go with the client). */
export async function removeBenchClient(db: Database, clientRowId: string): Promise<void> {
  const own = db.select({ id: orders.id }).from(orders).where(eq(orders.apiClientId, clientRowId));
  await db.delete(packages).where(inArray(packages.orderId, own));
  const [c] = await db.select({ customerId: apiClients.customerId }).from(apiClients).where(eq(apiClients.id, clientRowId));
  await db.delete(apiClients).where(eq(apiClients.id, clientRowId));
  if (c)
    await db
      .delete(customers)
      .where(eq(customers.id, c.customerId))
      .catch(() => {});
}
