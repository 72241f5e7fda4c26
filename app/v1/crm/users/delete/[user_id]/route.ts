/** M6 DELETE /v1/crm/users/delete/{user_id} — soft-deletes a customer, disables its clients, revokes their tokens. */
import { CUSTOMER_SCOPES, deleteCustomerRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const DELETE = withApiClient({ scopes: CUSTOMER_SCOPES }, deleteCustomerRoute);
