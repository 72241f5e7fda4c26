/** M15 GET /v1/crm/services/order_query — the caller's service orders by unit, service and status (reference shape). */
import { viewerOf } from '~/server/http/order-routes';
import { queryParams } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';
import { queryServiceOrders, serviceOrderQuery } from '~/server/orders/query-service-orders';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: [] }, async ({ deps, caller, req }) =>
  Response.json(await queryServiceOrders(deps.db, viewerOf(caller), queryParams(req, serviceOrderQuery)), {
    headers: { 'cache-control': 'no-store' },
  }),
);
