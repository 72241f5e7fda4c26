/**
 * The one error type of the application. Domain code throws `AppError(code, …)`; transports map it once:
 * REST → problem+json (server/http/problem.ts), tRPC → TRPCError (server/trpc/init.ts), jobs → retry or not.
 */
export const ERROR_CODES = {
  /** The request is malformed or a field is invalid. */
  VALIDATION: { status: 400, trpc: 'BAD_REQUEST', title: 'Invalid request' },
  /** No or bad credentials. */
  UNAUTHORIZED: { status: 401, trpc: 'UNAUTHORIZED', title: 'Authentication required' },
  /** Authenticated, but not allowed to do this. */
  FORBIDDEN: { status: 403, trpc: 'FORBIDDEN', title: 'Forbidden' },
  /** Absent, or owned by someone else (we do not tell which). */
  NOT_FOUND: { status: 404, trpc: 'NOT_FOUND', title: 'Not found' },
  /** The resource exists in a state that forbids this (e.g. an illegal status transition). */
  CONFLICT: { status: 409, trpc: 'CONFLICT', title: 'Conflict' },
  /** A download link or result that existed but has expired. */
  GONE: { status: 410, trpc: 'NOT_FOUND', title: 'Gone' },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  /** Valid request the domain cannot honour (e.g. AOI too large, outside the product). */
  UNPROCESSABLE: { status: 422, trpc: 'UNPROCESSABLE_CONTENT', title: 'Unprocessable request' },
  RATE_LIMITED: { status: 429, trpc: 'TOO_MANY_REQUESTS', title: 'Too many requests' },
  /** A dependency (database, Redis, engine) does not answer. */
  UNAVAILABLE: { status: 503, trpc: 'SERVICE_UNAVAILABLE', title: 'Service unavailable' },
  INTERNAL: { status: 500, trpc: 'INTERNAL_SERVER_ERROR', title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Human-readable explanation that a caller can act on. */
  readonly detail: string;
  /** A more specific machine-readable reason (e.g. `AOI_TOO_LARGE`), shown as `reason`. */
  readonly reason: string | undefined;
  readonly headers: Record<string, string> | undefined;
  /**
   * The problem `type` URI when a standard names one (OGC API – Processes' `…/no-such-job`, server/ogc/exceptions.ts);
   * otherwise problem.ts derives it from `reason` or `code`.
   */
  readonly type: string | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { reason?: string; headers?: Record<string, string>; cause?: unknown; type?: string } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.reason = options.reason;
    this.headers = options.headers;
    this.type = options.type;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * A zod error as one line a caller can act on: `path: message; path: message` (`whole` where the value itself is
 * wrong). One formatter for API problems, job payloads and workflow parameters; z.prettifyError's multi-line form
 * is for logs (jobs/run-job.ts).
 */
export function describeZodIssues(
  issues: readonly { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[],
  whole = '(body)',
): string {
  const at = (path: PropertyKey[]) => path.map(String).join('.');
  return issues
    .flatMap((i) =>
      // An unknown field is named first, like any other field (a typo: `aoii`), with zod's words after it.
      i.code === 'unrecognized_keys' && i.keys?.length
        ? i.keys.map((k) => `${at([...i.path, k])}: not a field here (Unrecognized key: "${k}")`)
        : [`${i.path.length ? at(i.path) : whole}: ${i.message}`],
    )
    .join('; ');
}
