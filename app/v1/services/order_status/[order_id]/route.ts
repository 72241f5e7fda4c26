/** GET /v1/services/order_status/{order_id} — the order's status, progress and, once SUCCESS, its download link. */
import { statusDeps, viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { STATUS_SCOPES } from '~/server/http/order-routes';
import { getOrderStatus } from '~/server/orders/get-order-status';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: STATUS_SCOPES }, async ({ deps, caller, params }) =>
  Response.json(await getOrderStatus(statusDeps(deps), viewerOf(caller), params.order_id!), {
    headers: { 'cache-control': 'no-store' },
  }),
);
