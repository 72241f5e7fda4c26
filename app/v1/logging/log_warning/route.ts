/** L3 POST /v1/logging/log_warning — a WARNING record for a known service (`service_module_name`, `log_message`, `order_id?`); 204. */
import { LOG_POST_SCOPES, postLogRoute } from '~/server/http/logging-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: LOG_POST_SCOPES }, postLogRoute('WARNING'));
