/** The console's API: routers only assemble procedures; the work lives in server/<domain>/. */
import { createCallerFactory, createTRPCRouter } from './init';
import { auditRouter } from './routers/audit';
import { clientsRouter } from './routers/clients';
import { systemRouter } from './routers/system';
import { usersRouter } from './routers/users';

export const appRouter = createTRPCRouter({
  system: systemRouter,
  users: usersRouter,
  clients: clientsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
