/** DELETE /v1/customers/{customer_id}: the suite of delete-customer-suite.ts. */
import { DELETE } from '~/app/v1/customers/[customer_id]/route';
import { deleteCustomerSuite } from './delete-customer-suite';

deleteCustomerSuite(DELETE, '/v1/customers/{customer_id}', (id) => ({
  path: `/v1/customers/${id}`,
  params: { customer_id: id },
}));
