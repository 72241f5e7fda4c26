/** M16 GET /v1/crm/manual_tasks — the manual task types. */
import { MANUAL_TASK_SCOPES, taskTypesRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: MANUAL_TASK_SCOPES }, taskTypesRoute);
