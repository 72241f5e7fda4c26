import { getSystemStatus, systemStatus } from '../../system/get-system-status';
import { createTRPCRouter, publicProcedure } from '../init';

export const systemRouter = createTRPCRouter({
  status: publicProcedure.output(systemStatus).query(({ ctx }) => getSystemStatus(ctx)),
});
