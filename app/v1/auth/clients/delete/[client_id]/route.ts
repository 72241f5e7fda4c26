/**
 * DELETE /v1/auth/clients/delete/{client_id} (admin) — legacy "delete": the client is disabled, which stops new
 * tokens and makes its existing tokens invalid at once (the reference's soft delete left them working). The row
 * stays, so the client's orders keep their owner. 204.
 */
import { setClientDisabled } from '~/server/clients/set-client-disabled';
import { actorOf } from '~/server/http/actor';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const DELETE = withApiClient({ scopes: ['admin'] }, async ({ deps, params, caller, ip, requestId }) => {
  await setClientDisabled(deps.db, { clientId: params.client_id!, disabled: true }, actorOf(caller, { ip, requestId }));
  return new Response(null, { status: 204 });
});
