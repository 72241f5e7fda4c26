import { z } from 'zod';
import type { Actor } from '~/server/clients/audit-actor';
import { createUser } from '~/server/users/create-user';
import { listUsers } from '~/server/users/list-users';
import { createUserInput, role } from '~/server/users/schemas';
import { resetUserPassword, setUserDisabled, setUserRole } from '~/server/users/update-user';
import { adminProcedure, createTRPCRouter } from '../init';

const actor = (ctx: { user: { id: string }; requestId: string }): Actor => ({
  type: 'user',
  id: ctx.user.id,
  requestId: ctx.requestId,
});
const userId = z.object({ userId: z.uuid() });

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, input, actor(ctx))),
  setRole: adminProcedure.input(userId.extend({ role })).mutation(({ ctx, input }) => setUserRole(ctx.db, input, actor(ctx))),
  setDisabled: adminProcedure
    .input(userId.extend({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, input, actor(ctx))),
  resetPassword: adminProcedure.input(userId).mutation(({ ctx, input }) => resetUserPassword(ctx.db, input, actor(ctx))),
});
