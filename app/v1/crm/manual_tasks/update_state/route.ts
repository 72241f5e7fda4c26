/** M19 PUT /v1/crm/manual_tasks/update_state — a unit's task to a state (finished needs a result). */
import { MANUAL_TASK_SCOPES, updateStateRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PUT = withApiClient({ scopes: MANUAL_TASK_SCOPES }, updateStateRoute);
