/** GET /v1/queues/{queue_name} — one queue (admin). */
import { getQueueRoute, QUEUE_SCOPES } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, getQueueRoute);
