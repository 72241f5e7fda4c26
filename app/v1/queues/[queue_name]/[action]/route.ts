/**
 * POST /v1/queues/{queue_name}/pause | resume | retry (`{limit?}`) | clean (`{state, older_than_seconds, limit?}`) —
 * admin; audited.
 */
import { QUEUE_SCOPES, queueActionRoute } from '~/server/http/queue-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: QUEUE_SCOPES }, queueActionRoute);
