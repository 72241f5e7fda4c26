/** R6 GET /v1/rabbitmq/serverStatus — whether the queue server (Redis now) is up, in the reference's shape (admin). */
import { legacyServerStatusRoute, QUEUE_SCOPES } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, legacyServerStatusRoute);
