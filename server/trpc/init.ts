/**
 * tRPC for the console.
 * 1. Context: the shared deps plus a request id, built the same way for the HTTP handler and server callers.
 * 2. Errors: AppError → its tRPC code with `data.appError`; zod input errors → BAD_REQUEST with `data.zodError`.
 *    Internal errors are masked: their message never reaches the browser.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { getAppDeps, type AppDeps } from '../deps';
import { ERROR_CODES, isAppError } from '../errors';
import { createLogger } from '../logging/logger';

const log = createLogger('trpc');

export type TRPCContext = AppDeps & { requestId: string };

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const requestId = opts.headers.get('x-request-id') ?? crypto.randomUUID();
  return { ...(await getAppDeps()), requestId };
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
    if (isAppError(cause)) {
      throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.detail, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      log.error('procedure failed', { path, requestId: ctx.requestId, error: result.error.cause ?? result.error });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);
