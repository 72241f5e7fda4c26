/** GET, DELETE /v1/customers/{customer_id} — one customer; soft delete (clients disabled, tokens revoked). Admin. */
import { CUSTOMER_SCOPES, deleteCustomerRoute, getCustomerRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CUSTOMER_SCOPES }, getCustomerRoute);
export const DELETE = withApiClient({ scopes: CUSTOMER_SCOPES }, deleteCustomerRoute);
