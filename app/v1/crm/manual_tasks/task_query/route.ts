/** M17 GET /v1/crm/manual_tasks/task_query — manual tasks per unit with their orders' state. */
import { MANUAL_TASK_SCOPES, taskQueryRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: MANUAL_TASK_SCOPES }, taskQueryRoute);
