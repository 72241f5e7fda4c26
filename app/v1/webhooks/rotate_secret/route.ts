/** POST /v1/webhooks/rotate_secret — a new signing secret (shown once); the old one signs beside it for 24 h. */
import { rotateWebhookSecretRoute, WEBHOOK_SCOPES } from '~/server/http/webhook-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: WEBHOOK_SCOPES }, rotateWebhookSecretRoute);
