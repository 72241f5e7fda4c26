/** M13 DELETE /v1/crm/services/delete/id/{service_id} — remove a service an administrator added; 204 (admin). */
import { deleteServiceRoute, SERVICE_ADMIN_SCOPES } from '~/server/http/service-admin-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const DELETE = withApiClient({ scopes: SERVICE_ADMIN_SCOPES }, deleteServiceRoute);
