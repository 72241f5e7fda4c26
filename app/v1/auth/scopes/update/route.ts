/** PATCH /v1/auth/scopes/update (admin) — legacy: `{client_id, scope}` replaces the client's scopes. 204. */
import { legacyUpdateScopeBody } from '~/server/clients/legacy-auth-bodies';
import { parseScope } from '~/server/auth/scopes';
import { setClientScopes } from '~/server/clients/set-client-scopes';
import { actorOf } from '~/server/http/actor';
import { jsonBody } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PATCH = withApiClient({ scopes: ['admin'] }, async ({ req, deps, caller, ip, requestId }) => {
  const input = await jsonBody(req, legacyUpdateScopeBody);
  await setClientScopes(
    deps.db,
    { clientId: input.client_id, scopes: parseScope(input.scope) },
    actorOf(caller, { ip, requestId }),
  );
  return new Response(null, { status: 204 });
});
