/**
 * A dependency that does not answer, recognised once: connection failures of postgres.js (also wrapped by drizzle)
 * and of ioredis/BullMQ become `AppError('UNAVAILABLE', …, { reason: 'DATABASE_UNAVAILABLE' | 'REDIS_UNAVAILABLE' })`
 * with `Retry-After`, which the transports map like any AppError (REST: 503 problem+json, tRPC: SERVICE_UNAVAILABLE,
 * OAuth: 503 temporarily_unavailable). Anything else is left alone (it is a bug, not an outage).
 */
import { AppError, isAppError } from './errors';
import type { Logger } from './logging/logger';

export type Dependency = 'database' | 'redis';

/** Seconds a client should wait before retrying: PostgreSQL and Redis usually restart within that. */
export const RETRY_AFTER_SECONDS = 5;

/** postgres.js and PostgreSQL codes of a lost or refused connection (class 08, shutdown, too many connections). */
const PG_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '53300', // too_many_connections
]);
/** Socket errors: whose they are is told by what postgres.js (`query`) or ioredis (`command`) attached. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const REDIS_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
// By message too: a production build minifies class names (MaxRetriesPerRequestError becomes "i").
const REDIS_MESSAGES =
  /^(Connection is closed\.|Command timed out|Stream isn't writeable|Redis is unavailable|Reached the max retries per request limit)/;

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; query?: unknown; command?: unknown };

function dependencyOf(error: unknown): Dependency | null {
  let drizzle = false;
  for (
    let e = error as ErrorLike | undefined, depth = 0;
    e && typeof e === 'object' && depth < 6;
    e = e.cause as ErrorLike, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (e.name === 'DrizzleQueryError' || message.startsWith('Failed query:')) drizzle = true;
    if (REDIS_NAMES.has(String(e.name)) || REDIS_MESSAGES.test(message)) return 'redis';
    if (PG_CODES.has(code) || /^08/.test(code)) return 'database';
    if (SOCKET_CODES.has(code)) return 'command' in e && !drizzle ? 'redis' : 'query' in e || drizzle ? 'database' : null;
  }
  return null;
}

export function unavailable(dependency: Dependency, cause?: unknown): AppError {
  const what = dependency === 'database' ? 'the database is' : 'Redis (queues and rate limits) is';
  return new AppError('UNAVAILABLE', `${what} unavailable; try again in ${RETRY_AFTER_SECONDS} seconds`, {
    reason: dependency === 'database' ? 'DATABASE_UNAVAILABLE' : 'REDIS_UNAVAILABLE',
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    cause,
  });
}

/** The UNAVAILABLE AppError for `error` (itself, when it already is one), or null when it is no outage. */
export function asUnavailable(error: unknown): AppError | null {
  if (isAppError(error)) return error.code === 'UNAVAILABLE' ? error : null;
  const dependency = dependencyOf(error);
  return dependency ? unavailable(dependency, error) : null;
}

/** What failed, in one line without a URL (a connection string may carry a password). */
export function failureSummary(error: unknown): string {
  const parts: string[] = [];
  for (
    let e = error as ErrorLike | undefined, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = e.cause as ErrorLike, depth++
  ) {
    const text = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message.split('\n')[0] : '']
      .filter(Boolean)
      .join(' ');
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
  }
  return parts
    .join(' ← ')
    .replace(/\w+:\/\/\S+/g, '<url>')
    .slice(0, 300);
}

/** One structured warning line for a request that met an outage. */
export function logUnavailable(log: Logger, error: AppError, context: Record<string, unknown>): void {
  log.warn(error.detail, { reason: error.reason, ...context, failure: failureSummary(error.cause ?? error) });
}
