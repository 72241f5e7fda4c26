import { listAuditEvents, listAuditEventsInput } from '~/server/audit/list-audit-events';
import { adminProcedure, createTRPCRouter } from '../init';

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditEventsInput.partial()).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
