/**
 * Errors → problem+json (RFC 9457/7807): `type`, `title`, `status`, `detail`, `instance`, plus `code`, `reason`
 * and `requestId`. `type` is the error's own when a standard names one (AppError `type`: the OGC exception URIs). A ZodError becomes a 400 naming each bad field; an unexpected error a masked 500, logged with its
 * request id. An unreachable database or Redis is a 503 naming it, with
 * Retry-After (server/dependency-failure.ts), logged as one line. 401s carry `WWW-Authenticate`.
 */
import { ZodError } from 'zod';
import { AppError, describeZodIssues, ERROR_CODES, isAppError } from '../errors';
import { asUnavailable, logUnavailable } from '../dependency-failure';
import { createLogger } from '../logging/logger';

const log = createLogger('http');
const TYPE_BASE = 'https://clcplus.eea.europa.eu/problems/';

export function problemResponse(error: unknown, ctx: { requestId: string; instance?: string }): Response {
  let appError: AppError;
  const outage = asUnavailable(error);
  if (outage) {
    appError = outage;
    logUnavailable(log, outage, { requestId: ctx.requestId, instance: ctx.instance });
  } else if (isAppError(error)) appError = error;
  else if (error instanceof ZodError) appError = new AppError('VALIDATION', describeZodIssues(error.issues));
  else {
    log.error('unhandled error', { requestId: ctx.requestId, instance: ctx.instance, error });
    appError = new AppError('INTERNAL', `An internal error occurred; quote request id ${ctx.requestId} when reporting it.`);
  }
  const { status, title } = ERROR_CODES[appError.code];
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'x-request-id': ctx.requestId,
    ...appError.headers,
  };
  if (status === 401 && !headers['www-authenticate']) {
    headers['www-authenticate'] = appError.reason
      ? `Bearer realm="clcplus", error="${appError.reason}", error_description="${appError.detail.replace(/"/g, "'")}"`
      : 'Bearer realm="clcplus"';
  }
  const body = {
    type: appError.type ?? `${TYPE_BASE}${(appError.reason ?? appError.code).toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: appError.detail,
    ...(ctx.instance ? { instance: ctx.instance } : {}),
    code: appError.code,
    ...(appError.reason ? { reason: appError.reason } : {}),
    requestId: ctx.requestId,
  };
  return new Response(JSON.stringify(body), { status, headers });
}
