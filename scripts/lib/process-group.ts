/**
 * Runs child processes each in its own process group, prefixes their output lines, and stops them as groups:
 * SIGTERM to the whole group, SIGKILL after a grace period. So `next start` (which forks next-server) and the
 * worker leave no orphan behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { forwardWithoutHdf5Noise } from './hdf5-noise';

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];
const RESET = '\x1b[0m';

export type Managed = { name: string; child: ChildProcess; exited: Promise<number | null> };

export function startManaged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, index: number): Managed {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const color = process.stdout.isTTY ? (COLORS[index % COLORS.length] ?? '') : '';
  const prefix = `${color}${name.padEnd(6)}│${color ? RESET : ''} `;
  const write = (line: string) => process.stdout.write(`${prefix}${line}\n`);
  if (child.stdout) readline.createInterface({ input: child.stdout }).on('line', write);
  if (child.stderr) forwardWithoutHdf5Noise(child.stderr, write);
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

/**
 * Web and worker together: Ctrl-C, SIGTERM or SIGHUP stops them all (exit 0); one of them exiting stops the others
 * (exit 1). `onStopped` prints what the command wants to say last. Returns whether a stop has begun.
 */
export function superviseTogether(managed: Managed[], graceMs: number, onStopped: () => void = () => {}): () => boolean {
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n▸ ${reason}: stopping ${managed.map((m) => m.name).join(' and ')}…`);
    await stopAll(managed, graceMs);
    onStopped();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('Ctrl-C', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGHUP', () => void stop('SIGHUP', 0));
  for (const m of managed) void m.exited.then((code) => stop(`${m.name} exited with code ${code}`, 1));
  return () => stopping;
}
