/** GET /v1/auth/scopes (admin) — legacy, enabled clients only (the reference listed the non-deleted ones): `{scopes: [{client_id, scope}]}`. */
import { getClientViews } from '~/server/clients/get-client';
import { legacyScope } from '~/server/clients/legacy';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ['admin'] }, async ({ deps }) => {
  const clients = await getClientViews(deps.db, { enabledOnly: true });
  return Response.json({ scopes: clients.length ? clients.map(legacyScope) : null });
});
