/** R1 GET /v1/rabbitmq/queues — the queue names (BullMQ queues now), in the reference's shape (admin). */
import { legacyQueueNamesRoute, QUEUE_SCOPES } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, legacyQueueNamesRoute);
