/**
 * Structured process logging (stdout): one line per record, JSON in production or when LOG_JSON is set, readable
 * text otherwise. Records carry a component name and context (request id, order id). Values under keys that look
 * secret are replaced before anything is written.
 */
import { env } from '../env.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|key$/i;

export type Logger = {
  [L in Level]: (message: string, context?: Record<string, unknown>) => void;
} & { child: (context: Record<string, unknown>) => Logger };

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? { cause: value.cause.message } : {};
    return { name: value.name, message: value.message, ...cause };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

/** Where records also go besides stdout (a process's log shipper, log-shipper.ts), from which level on. */
type Sink = {
  min: number;
  push: (r: { level: Level; component: string; message: string; context: Record<string, unknown> }) => void;
};
let sink: Sink | null = null;

export function setLogSink(push: Sink['push'] | null, minLevel: Level = 'info') {
  sink = push ? { push, min: RANK[minLevel] } : null;
}

export function createLogger(component: string, base: Record<string, unknown> = {}): Logger {
  const json = env.LOG_JSON ?? env.NODE_ENV === 'production';
  const min = RANK[env.LOG_LEVEL];
  const write = (level: Level, message: string, context?: Record<string, unknown>) => {
    const toSink = sink !== null && RANK[level] >= sink.min;
    if (RANK[level] < min && !toSink) return;
    const ctx = redact({ ...base, ...context }) as Record<string, unknown>;
    if (toSink) sink!.push({ level, component, message, context: ctx });
    if (RANK[level] < min) return;
    const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
    if (json) {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, component, message, ...ctx })}\n`);
    } else {
      const extra = Object.keys(ctx).length ? ` ${JSON.stringify(ctx)}` : '';
      stream.write(`${level.toUpperCase().padEnd(5)} ${component}: ${message}${extra}\n`);
    }
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (c) => createLogger(component, { ...base, ...c }),
  };
}
