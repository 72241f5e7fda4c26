/** POST /v1/webhooks/test — send a signed `ping` to the client's webhook now; answers the delivery and its attempt. */
import { testWebhookRoute, WEBHOOK_SCOPES } from '~/server/http/webhook-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: WEBHOOK_SCOPES }, testWebhookRoute);
