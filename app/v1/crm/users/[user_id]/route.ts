/** M4 GET /v1/crm/users/{user_id} — one customer with its clients (admin). */
import { CUSTOMER_SCOPES, getCustomerRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CUSTOMER_SCOPES }, getCustomerRoute);
