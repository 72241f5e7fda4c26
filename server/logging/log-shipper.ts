/**
 * Ships a process's own log records to the logs table: records at or above LOG_SINK_LEVEL are buffered and sent in
 * batches of up to 500 as `logs.write` jobs (the worker's log sink inserts them). While Redis refuses the job, the
 * batch is written to PostgreSQL directly; while both are down, the records wait in the buffer (bounded: beyond
 * `maxBuffered` the oldest go, counted and said on stderr) and are sent again with backoff. The shipper never logs
 * through the logger it serves (that would feed itself).
 */
import type { Enqueue } from '../queue/enqueue';
import type { LogRecordInput } from './schemas';

export type LogShipper = {
  push: (r: LogRecordInput) => void;
  /** Sends everything buffered now (resolves when the buffer is empty or sending failed). */
  flush: () => Promise<void>;
  close: () => Promise<void>;
  stats: () => { buffered: number; shipped: number; direct: number; dropped: number };
};

export function createLogShipper(
  deps: { enqueue: Enqueue; writeDirect: (records: LogRecordInput[]) => Promise<number> },
  opts: { batch?: number; intervalMs?: number; maxBuffered?: number; stderr?: (line: string) => void } = {},
): LogShipper {
  const batch = opts.batch ?? 500;
  const maxBuffered = opts.maxBuffered ?? 100_000;
  const stderr = opts.stderr ?? ((l: string) => process.stderr.write(`${l}\n`));
  const buffer: LogRecordInput[] = [];
  const counts = { shipped: 0, direct: 0, dropped: 0 };
  let sending: Promise<void> | null = null;
  let backoffMs = 0;
  let retryAt = 0;
  let closed = false;

  const send = async () => {
    while (buffer.length && Date.now() >= retryAt) {
      const records = buffer.slice(0, batch);
      try {
        await deps.enqueue('logs.write', { records });
        counts.shipped += records.length;
      } catch {
        try {
          await deps.writeDirect(records);
          counts.direct += records.length;
        } catch {
          backoffMs = Math.min(30_000, Math.max(500, backoffMs * 2));
          retryAt = Date.now() + backoffMs;
          return;
        }
      }
      buffer.splice(0, records.length);
      backoffMs = 0;
    }
  };
  const flush = () => {
    sending ??= send().finally(() => (sending = null));
    return sending;
  };
  const timer = setInterval(() => void flush(), opts.intervalMs ?? 1000);
  timer.unref();

  return {
    push: (r) => {
      if (closed) return;
      buffer.push(r);
      if (buffer.length > maxBuffered) {
        const n = buffer.length - maxBuffered;
        buffer.splice(0, n);
        if (counts.dropped === 0)
          stderr(`log shipper: more than ${maxBuffered} records waiting (Redis and PostgreSQL unreachable); dropping the oldest`);
        counts.dropped += n;
      }
      if (buffer.length >= batch) void flush();
    },
    flush: async () => {
      retryAt = 0;
      await flush();
    },
    close: async () => {
      clearInterval(timer);
      retryAt = 0;
      await flush();
      closed = true;
    },
    stats: () => ({ buffered: buffer.length, ...counts }),
  };
}
