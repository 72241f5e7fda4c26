/** GET /v1/customers[?city=&…&limit=&cursor=] — customers by name; POST — a customer and its first client (admin). */
import { createCustomerRoute, CUSTOMER_SCOPES, listCustomersRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CUSTOMER_SCOPES }, listCustomersRoute);
export const POST = withApiClient({ scopes: CUSTOMER_SCOPES }, createCustomerRoute);
