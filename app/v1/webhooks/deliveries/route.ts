/** GET /v1/webhooks/deliveries[?order_id=&limit=&cursor=] — the client's deliveries and their attempts, newest first. */
import { listDeliveriesRoute, WEBHOOK_SCOPES } from '~/server/http/webhook-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: WEBHOOK_SCOPES }, listDeliveriesRoute);
