/** GET /v1/logging?order_id=&service=&level=&since=&until=&limit=&cursor= — log records (admins: all; others: their order's). */
import { listLogsRoute } from '~/server/http/logging-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: [] }, listLogsRoute);
