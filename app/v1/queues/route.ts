/** GET /v1/queues — every queue with its job counts, paused state and workers (admin). */
import { listQueuesRoute, QUEUE_SCOPES } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, listQueuesRoute);
