/** M6 DELETE /v1/crm/users/delete/{user_id}: the suite of customers/[customer_id]/delete-customer-suite.ts. */
import { DELETE } from '~/app/v1/crm/users/delete/[user_id]/route';
import { deleteCustomerSuite } from '../../../../customers/[customer_id]/delete-customer-suite';

deleteCustomerSuite(
  DELETE,
  '/v1/crm/users/delete/{user_id}',
  (id) => ({ path: `/v1/crm/users/delete/${id}`, params: { user_id: id } }),
  { byClientId: true },
);
