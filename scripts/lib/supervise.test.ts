/**
 * The production runner (scripts/run.ts → supervise) with the real worker on this file's database and Redis prefix:
 * SIGKILL of the worker → the runner logs it and starts another (its health port answers again, with a new pid) and
 * stays up; SIGTERM to the runner stops the worker and ends the runner with 0.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { spawnTsx } from '~/test/spawn';
import { until } from '~/test/until';
import { backoffDelay, DEFAULT_BACKOFF } from './supervise';

const t = useTestDatabase();
const r = useTestRedis();

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/** The pid of the worker answering on the health port (its id is host:pid:random), or null. */
async function workerPid(port: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) return null;
    const { id } = (await res.json()) as { id: string };
    return Number(id.split(':').at(-2));
  } catch {
    return null;
  }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('backoff', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(DEFAULT_BACKOFF, n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});

describe('production runner', () => {
  it('restarts a SIGKILLed worker and stops everything on SIGTERM', async () => {
    const port = await freePort();
    const runner = spawnTsx(
      'scripts/run.ts',
      {
        DATABASE_URL: t.url,
        QUEUE_PREFIX: r.prefix,
        WORKER_HEALTH_PORT: String(port),
        WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
        LOG_JSON: 'false',
      },
      ['--no-web', '--workers', '1'],
    );
    try {
      await runner.waitFor(/ready: queues/, 30_000);
      const first = await until(() => workerPid(port), 10_000);

      process.kill(first, 'SIGKILL');
      await runner.waitFor(new RegExp(`worker \\(pid ${first}\\) killed by SIGKILL after \\d+ s: restart #1 in 1000 ms`), 10_000);
      const second = await until(async () => {
        const pid = await workerPid(port);
        return pid !== null && pid !== first && pid;
      }, 30_000);
      expect(alive(first)).toBe(false);
      expect(runner.child.exitCode).toBeNull();

      runner.child.kill('SIGTERM');
      const { code } = await runner.exited;
      expect(code).toBe(0);
      expect(runner.output()).toMatch(/SIGTERM: stopping worker/);
      expect(runner.output()).toMatch(/stopped \(drained\)/);
      expect(alive(second)).toBe(false);
    } finally {
      if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
    }
  }, 90_000);
});
