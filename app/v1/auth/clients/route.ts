/**
 * GET /v1/auth/clients (admin) — legacy list of the enabled clients (the reference listed the non-deleted ones):
 * `{oauth_clients: [{client_id, client_name, grant_type, response_type, scope}]}`.
 */
import { getClientViews } from '~/server/clients/get-client';
import { legacyClient } from '~/server/clients/legacy';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ['admin'] }, async ({ deps }) => {
  const clients = await getClientViews(deps.db, { enabledOnly: true });
  return Response.json({ oauth_clients: clients.length ? clients.map(legacyClient) : null });
});
