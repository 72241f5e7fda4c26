/** M1 POST /v1/crm/users/create — a customer and its first API client; 201 with client_id and client_secret (once). */
import { createCustomerRoute, CUSTOMER_SCOPES } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: CUSTOMER_SCOPES }, createCustomerRoute);
