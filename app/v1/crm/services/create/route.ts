/** M11 POST /v1/crm/services/create — a new service, with the reference's body; 201 `{service_id}` (admin). */
import { legacyCreateServiceRoute, SERVICE_ADMIN_SCOPES } from '~/server/http/service-admin-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: SERVICE_ADMIN_SCOPES }, legacyCreateServiceRoute);
