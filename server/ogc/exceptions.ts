/**
 * The exceptions of OGC API – Processes 1.0 as problem types: the standard's own URIs (no-such-process, no-such-job,
 * result-not-ready) and the OWS names it reuses (InvalidParameterValue, NoApplicableCode). They are AppErrors with a
 * `type`, so the one mapping (server/http/problem.ts) renders them; `asOgcError` gives a bad request met on an OGC
 * route (a zod issue, a refused field) the InvalidParameterValue type, keeping its status and detail.
 */
import { ZodError } from 'zod';
import { AppError, describeZodIssues, type ErrorCode } from '../errors';

const BASE = 'http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/';

export const OGC_EXCEPTIONS = {
  noSuchProcess: `${BASE}no-such-process`,
  noSuchJob: `${BASE}no-such-job`,
  resultNotReady: `${BASE}result-not-ready`,
  invalidParameterValue: `${BASE}InvalidParameterValue`,
  noApplicableCode: `${BASE}NoApplicableCode`,
} as const;

export const noSuchProcess = (id: string) =>
  new AppError('NOT_FOUND', `processID: there is no process ${id} (GET /ogc/processes lists them)`, {
    reason: 'NO_SUCH_PROCESS',
    type: OGC_EXCEPTIONS.noSuchProcess,
  });

export const noSuchJob = (id: string) =>
  new AppError('NOT_FOUND', `jobID: there is no job ${id}`, { reason: 'NO_SUCH_JOB', type: OGC_EXCEPTIONS.noSuchJob });

export const invalidParameter = (detail: string, code: ErrorCode = 'VALIDATION') =>
  new AppError(code, detail, { reason: 'INVALID_PARAMETER_VALUE', type: OGC_EXCEPTIONS.invalidParameterValue });

/** A value the client sent, refused (400/404/409/422 of the order checks), as InvalidParameterValue; others unchanged. */
const INVALID: ReadonlySet<ErrorCode> = new Set(['VALIDATION', 'UNPROCESSABLE']);

export function asOgcError(e: unknown): unknown {
  if (e instanceof ZodError) return invalidParameter(describeZodIssues(e.issues));
  if (e instanceof AppError && !e.type && INVALID.has(e.code)) {
    return new AppError(e.code, e.detail, {
      reason: e.reason,
      headers: e.headers,
      cause: e,
      type: OGC_EXCEPTIONS.invalidParameterValue,
    });
  }
  return e;
}

/** Wraps an OGC route's handler so that what it throws is an OGC exception where one applies. */
export const ogcHandler =
  <A>(handler: (args: A) => Promise<Response>) =>
  async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (e) {
      throw asOgcError(e);
    }
  };
