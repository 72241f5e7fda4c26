/** GET /v1/webhooks — the client's webhook; PUT — register or replace it (`{url, events?}`); DELETE — remove it. */
import { deleteWebhookRoute, getWebhookRoute, saveWebhookRoute, WEBHOOK_SCOPES } from '~/server/http/webhook-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: WEBHOOK_SCOPES }, getWebhookRoute);
export const PUT = withApiClient({ scopes: WEBHOOK_SCOPES }, saveWebhookRoute);
export const DELETE = withApiClient({ scopes: WEBHOOK_SCOPES }, deleteWebhookRoute);
