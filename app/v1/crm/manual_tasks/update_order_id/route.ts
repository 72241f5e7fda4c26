/** M21 PUT /v1/crm/manual_tasks/update_order_id — the SUCCESS order a unit's task refers to. */
import { MANUAL_TASK_SCOPES, setOrderRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PUT = withApiClient({ scopes: MANUAL_TASK_SCOPES }, setOrderRoute);
