/**
 * A logger that writes an identical record (level, message, context) at most once per window, so an outage that
 * fails the same way every second (a reconnecting Redis client, a polling worker) is one line, not a storm. The
 * first record after the window says how many were dropped (`repeated`).
 */
import type { Logger } from './logger';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Seen = Map<string, { until: number; dropped: number }>;

export function throttleLogger(log: Logger, windowMs = 30_000, seen: Seen = new Map(), scope = ''): Logger {
  const write = (level: Level) => (message: string, context?: Record<string, unknown>) => {
    const key = `${scope}\0${level}\0${message}\0${JSON.stringify(context ?? {})}`;
    const now = Date.now();
    const last = seen.get(key);
    if (last && now < last.until) {
      last.dropped++;
      return;
    }
    log[level](message, last?.dropped ? { ...context, repeated: last.dropped } : context);
    seen.set(key, { until: now + windowMs, dropped: 0 });
    if (seen.size > 1_000) for (const [k, v] of seen) if (v.until < now) seen.delete(k);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (context) => throttleLogger(log.child(context), windowMs, seen, `${scope}${JSON.stringify(context)}`),
  };
}
