/**
 * POST /v1/auth/clients/create (admin) — legacy: `{client_name[, scope]}` → `{client_id, client_secret}`.
 * Unlike the reference, it also creates the customer record, gives the client a scope (default `user`), and the
 * secret is shown only in this response.
 */
import { legacyCreateClientBody } from '~/server/clients/legacy-auth-bodies';
import { parseScope } from '~/server/auth/scopes';
import { createClient } from '~/server/clients/create-client';
import { actorOf } from '~/server/http/actor';
import { jsonBody } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: ['admin'] }, async ({ req, deps, caller, ip, requestId }) => {
  const input = await jsonBody(req, legacyCreateClientBody);
  const { client, clientSecret } = await createClient(
    deps.db,
    { name: input.client_name, scopes: input.scope ? parseScope(input.scope) : ['user'] },
    actorOf(caller, { ip, requestId }),
  );
  return Response.json(
    { client_id: client.clientId, client_secret: clientSecret },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
});
