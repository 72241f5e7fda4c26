/** The console's API: routers only assemble procedures; the work lives in server/<domain>/. */
import { createCallerFactory, createTRPCRouter } from './init';
import { systemRouter } from './routers/system';

export const appRouter = createTRPCRouter({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
