/** M8 GET /v1/crm/services — the visible services, for pickers (any valid token; the reference: admin or user). */
import { viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { listServices } from '~/server/services/list-services';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: [] }, async ({ deps, caller }) =>
  Response.json({ services: await listServices(deps.db, viewerOf(caller)) }),
);
