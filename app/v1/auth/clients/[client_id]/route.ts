/** GET /v1/auth/clients/{client_id} (admin) — legacy: one client, 404 when unknown. */
import { getClient } from '~/server/clients/get-client';
import { legacyClient } from '~/server/clients/legacy';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ['admin'] }, async ({ deps, params }) =>
  Response.json(legacyClient(await getClient(deps.db, params.client_id!))),
);
