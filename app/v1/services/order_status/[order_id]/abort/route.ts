/** POST /v1/services/order_status/{order_id}/abort — cancel an order in progress (its running work stops). */
import { statusDeps, viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { STATUS_SCOPES } from '~/server/http/order-routes';
import { abortOrder } from '~/server/orders/abort-order';
import { getOrderStatus } from '~/server/orders/get-order-status';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: STATUS_SCOPES }, async ({ deps, caller, params }) => {
  const viewer = viewerOf(caller);
  await abortOrder(
    { db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, enqueue: deps.queues.enqueue },
    { ...viewer, label: `client:${caller.clientId}` },
    params.order_id!,
  );
  return Response.json(await getOrderStatus(statusDeps(deps), viewer, params.order_id!), {
    headers: { 'cache-control': 'no-store' },
  });
});
