import { z } from 'zod';
import type { Actor } from '~/server/clients/audit-actor';
import { addClientKey } from '~/server/clients/add-client-key';
import { createClient } from '~/server/clients/create-client';
import { getClientViews } from '~/server/clients/get-client';
import { listScopes } from '~/server/clients/list-scopes';
import { removeClientKey } from '~/server/clients/remove-client-key';
import { revokeClientTokens } from '~/server/clients/revoke-client-tokens';
import { rotateClientSecret } from '~/server/clients/rotate-client-secret';
import { createClientInput, scopeName } from '~/server/clients/schemas';
import { setClientDisabled } from '~/server/clients/set-client-disabled';
import { setClientScopes } from '~/server/clients/set-client-scopes';
import { adminProcedure, createTRPCRouter } from '../init';

const actor = (ctx: { user: { id: string }; requestId: string }): Actor => ({
  type: 'user',
  id: ctx.user.id,
  requestId: ctx.requestId,
});
const clientId = z.object({ clientId: z.string().min(1).max(64) });

export const clientsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => getClientViews(ctx.db)),
  scopes: adminProcedure.query(({ ctx }) => listScopes(ctx.db)),
  create: adminProcedure.input(createClientInput).mutation(({ ctx, input }) => createClient(ctx.db, input, actor(ctx))),
  setDisabled: adminProcedure
    .input(clientId.extend({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setClientDisabled(ctx.db, input, actor(ctx))),
  rotateSecret: adminProcedure
    .input(clientId)
    .mutation(({ ctx, input }) =>
      rotateClientSecret(ctx.db, { ...input, overlapHours: ctx.auth.clientSecretOverlapHours }, actor(ctx)),
    ),
  setScopes: adminProcedure
    .input(clientId.extend({ scopes: z.array(scopeName).min(1) }))
    .mutation(({ ctx, input }) => setClientScopes(ctx.db, input, actor(ctx))),
  addKey: adminProcedure
    .input(clientId.extend({ jwk: z.record(z.string(), z.unknown()) }))
    .mutation(({ ctx, input }) => addClientKey(ctx.db, input, actor(ctx))),
  removeKey: adminProcedure
    .input(clientId.extend({ kid: z.string().min(1).max(128) }))
    .mutation(({ ctx, input }) => removeClientKey(ctx.db, input, actor(ctx))),
  revokeTokens: adminProcedure
    .input(clientId)
    .mutation(({ ctx, input }) =>
      revokeClientTokens(ctx.db, { ...input, tokenTtlSeconds: ctx.auth.tokenTtlSeconds }, actor(ctx)),
    ),
});
