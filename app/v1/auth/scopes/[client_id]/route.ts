/** GET /v1/auth/scopes/{client_id} (admin) — legacy: `{client_id, scope}`, 404 when unknown. */
import { getClient } from '~/server/clients/get-client';
import { legacyScope } from '~/server/clients/legacy';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ['admin'] }, async ({ deps, params }) =>
  Response.json(legacyScope(await getClient(deps.db, params.client_id!))),
);
