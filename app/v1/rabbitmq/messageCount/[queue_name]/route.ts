/** R5 GET /v1/rabbitmq/messageCount/{queue_name} — jobs waiting in a queue, in the reference's shape (admin). */
import { legacyMessageCountRoute, QUEUE_SCOPES } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, legacyMessageCountRoute);
