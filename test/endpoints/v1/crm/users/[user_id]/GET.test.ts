/** M4 GET /v1/crm/users/{user_id} (a customer id or a client_id): the suite of customers/[customer_id]/get-customer-suite.ts. */
import { GET } from '~/app/v1/crm/users/[user_id]/route';
import { getCustomerSuite } from '../../../customers/[customer_id]/get-customer-suite';

getCustomerSuite(GET, '/v1/crm/users/{user_id}', (id) => ({ path: `/v1/crm/users/${id}`, params: { user_id: id } }), {
  byClientId: true,
});
