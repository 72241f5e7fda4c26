/**
 * tRPC for the console.
 * 1. Context: the shared deps plus a request id, built the same way for the HTTP handler and server callers.
 * 2. Errors: AppError → its tRPC code with `data.appError`; zod input errors → BAD_REQUEST with `data.zodError`.
 *    An unreachable database or Redis (also while building the context) → SERVICE_UNAVAILABLE (503, Retry-After
 *    set by the route) naming it, logged as one line. Internal errors are masked: their message never reaches the
 *    browser.
 */
import { assertStorable } from '../security/storable-text';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { getConsoleUser, hasRole, type ConsoleUser } from '../auth/console-user';
import { getAppDeps, type AppDeps } from '../deps';
import { asUnavailable, logUnavailable } from '../dependency-failure';
import { ERROR_CODES, isAppError, type AppError } from '../errors';
import { createLogger } from '../logging/logger';

const log = createLogger('trpc');

export type TRPCContext = AppDeps & {
  requestId: string;
  headers: Headers;
  /** The signed-in console user (fresh from the database), or null. */
  user: ConsoleUser | null;
};

const toTRPCError = (cause: AppError) => new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.detail, cause });

export async function createTRPCContext(opts: { headers: Headers; user?: ConsoleUser | null }): Promise<TRPCContext> {
  const requestId = opts.headers.get('x-request-id') ?? crypto.randomUUID();
  try {
    const user = opts.user !== undefined ? opts.user : await getConsoleUser();
    return { ...(await getAppDeps()), requestId, headers: opts.headers, user };
  } catch (e) {
    const outage = asUnavailable(e);
    if (!outage) throw e;
    logUnavailable(log, outage, { requestId });
    throw toTRPCError(outage);
  }
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const masked = error.code === 'INTERNAL_SERVER_ERROR' && !isAppError(cause);
    return {
      ...shape,
      message: masked ? 'Internal error' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appError: isAppError(cause) ? { code: cause.code, reason: cause.reason, message: cause.detail } : null,
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

/** Converts AppErrors thrown by services into TRPCErrors with the mapped code; logs unexpected ones. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const outage = asUnavailable(cause);
    if (outage) {
      logUnavailable(log, outage, { path, requestId: ctx.requestId });
      throw toTRPCError(outage);
    }
    if (isAppError(cause)) throw toTRPCError(cause);
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      log.error('procedure failed', { path, requestId: ctx.requestId, error: result.error.cause ?? result.error });
    }
  }
  return result;
});

/** Inputs holding text that PostgreSQL cannot store (a NUL, a lone surrogate) are refused before any procedure runs. */
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  assertStorable(await getRawInput(), 'input');
  return next();
});

/**
 * Mutations must come from our own pages: a browser sends Origin on POST, and a foreign one is refused (CSRF
 * defence in addition to the SameSite=Lax session cookie).
 */
const sameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation') {
    const origin = ctx.headers.get('origin');
    const host = ctx.headers.get('x-forwarded-host') ?? ctx.headers.get('host');
    if (origin && host && new URL(origin).host !== host) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'cross-site request refused' });
    }
  }
  return next();
});

const signedIn = (role: 'viewer' | 'operator' | 'admin') =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    if (!hasRole(ctx.user, role)) throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${role} role` });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping).use(storableInput).use(sameOrigin);
/** Any signed-in user (viewer and up). */
export const protectedProcedure = publicProcedure.use(signedIn('viewer'));
export const operatorProcedure = publicProcedure.use(signedIn('operator'));
export const adminProcedure = publicProcedure.use(signedIn('admin'));
