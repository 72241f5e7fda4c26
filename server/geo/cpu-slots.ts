/**
 * Heavy geodata work takes one of a fixed number of slots per process (WORKER_CPU_SLOTS, one per core by default):
 * large cuts done here and every GDAL child process. The worker runs more workflow tasks at once than it has cores
 * (WORKER_TASK_CONCURRENCY), so that small orders, which mostly wait on the database and the disk, are not held
 * behind big ones; the slots keep the big ones from oversubscribing the cores and the memory. Waiting for a slot
 * ends at once when the work is cancelled; a slot is handed on in arrival order.
 */
import { env } from '../env.js';

export type Slots = {
  /** Runs `work` once a slot is free; rejects with the signal's reason if cancelled while waiting. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly busy: number;
  readonly waiting: number;
};

export function createSlots(size: number): Slots {
  let busy = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else busy--;
  };
  const acquire = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      signal?.throwIfAborted();
      if (busy < size) {
        busy++;
        return resolve();
      }
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(); // the slot passes from the releaser to this work: `busy` is unchanged
      };
      const onAbort = () => {
        queue.splice(queue.indexOf(grant), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(grant);
    });
  return {
    async run(work, signal) {
      await acquire(signal);
      try {
        return await work();
      } finally {
        release();
      }
    },
    get busy() {
      return busy;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** This process's slots. */
export const cpuSlots = createSlots(env.WORKER_CPU_SLOTS);
