/** GET /v1/queues/redis — the Redis server behind the queues (admin). */
import { QUEUE_SCOPES, redisStatusRoute } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: QUEUE_SCOPES }, redisStatusRoute);
