import { getSystemStatus, systemStatus } from '~/server/system/get-system-status';
import { createTRPCRouter, protectedProcedure } from '../init';

export const systemRouter = createTRPCRouter({
  status: protectedProcedure.output(systemStatus).query(({ ctx }) => getSystemStatus(ctx)),
});
