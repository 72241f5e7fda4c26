import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { isAppError } from '~/server/errors';
import { createTRPCContext } from '~/server/trpc/init';
import { appRouter } from '~/server/trpc/root';

export const dynamic = 'force-dynamic';

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    // An AppError's headers (Retry-After of a 503) reach the response, as they do on the REST routes.
    responseMeta: ({ errors }) => ({
      headers: new Headers(Object.assign({}, ...errors.map((e) => (isAppError(e.cause) ? e.cause.headers : undefined)))),
    }),
  });

export { handler as GET, handler as POST };
