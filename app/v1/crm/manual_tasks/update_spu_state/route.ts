/** M20 PUT /v1/crm/manual_tasks/update_spu_state — the tasks of every unit of an SPU to a state. */
import { MANUAL_TASK_SCOPES, updateSpuStateRoute } from '~/server/http/manual-task-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PUT = withApiClient({ scopes: MANUAL_TASK_SCOPES }, updateSpuStateRoute);
