/** DELETE /v1/auth/tokens/delete/{client_id} (admin) — legacy: revokes every live token of the client. 204. */
import { revokeClientTokens } from '~/server/clients/revoke-client-tokens';
import { actorOf } from '~/server/http/actor';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const DELETE = withApiClient({ scopes: ['admin'] }, async ({ deps, params, caller, ip, requestId }) => {
  await revokeClientTokens(
    deps.db,
    { clientId: params.client_id!, tokenTtlSeconds: deps.auth.tokenTtlSeconds },
    actorOf(caller, { ip, requestId }),
  );
  return new Response(null, { status: 204 });
});
