/**
 * Runs child processes each in its own process group, prefixes their output lines, and stops them as groups:
 * SIGTERM to the whole group, SIGKILL after a grace period. So `next start` (which forks next-server) and the
 * worker leave no orphan behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];
const RESET = '\x1b[0m';

export type Managed = { name: string; child: ChildProcess; exited: Promise<number | null> };

/**
 * HDF5's diagnostic blocks ("HDF5-DIAG: Error detected…", then indented `#000:`/`major:`/`minor:` lines): netCDF
 * 4.9 probes optional attributes that are absent, and HDF5 prints the miss from every thread but the one netCDF
 * initialised on (GDAL reads on the libuv pool). They are not errors; GDAL reports real failures itself.
 */
const HDF5_DIAG = /^(HDF5-DIAG: |\s+#\d{3}: |\s+(major|minor): )/;
let hdf5Hidden = false;

export function startManaged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, index: number): Managed {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const color = process.stdout.isTTY ? (COLORS[index % COLORS.length] ?? '') : '';
  const prefix = `${color}${name.padEnd(6)}│${color ? RESET : ''} `;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (stream === child.stderr && HDF5_DIAG.test(line)) {
        if (!hdf5Hidden) process.stdout.write(`${prefix}(HDF5 diagnostics of netCDF reads are hidden: not errors)\n`);
        hdf5Hidden = true;
        return;
      }
      process.stdout.write(`${prefix}${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))),
  );
  return { name, child, exited };
}

function signalGroup(m: Managed, signal: NodeJS.Signals) {
  if (m.child.pid === undefined) return;
  try {
    process.kill(-m.child.pid, signal);
  } catch {
    /* group already gone */
  }
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM every group, wait up to `graceMs` for all of their processes to end, then SIGKILL what is left. */
export async function stopAll(managed: Managed[], graceMs: number): Promise<void> {
  for (const m of managed) signalGroup(m, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && managed.some((m) => m.child.pid !== undefined && groupAlive(m.child.pid))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const m of managed) if (m.child.pid !== undefined && groupAlive(m.child.pid)) signalGroup(m, 'SIGKILL');
}
