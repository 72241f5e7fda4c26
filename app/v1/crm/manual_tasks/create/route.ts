/** M18 POST /v1/crm/manual_tasks/create — a manual task per unit (or per unit of SPUs); 201. */
import { MANUAL_TASK_SCOPES, createTasksRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: MANUAL_TASK_SCOPES }, createTasksRoute);
