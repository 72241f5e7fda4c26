/** M10 GET /v1/crm/services/name/{service_name} — one service by name (admin; 404 where the reference answered 400). */
import { viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { getService } from '~/server/services/get-service';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ['admin'] }, async ({ deps, caller, params }) =>
  Response.json(await getService(deps.db, viewerOf(caller), { name: params.service_name! })),
);
