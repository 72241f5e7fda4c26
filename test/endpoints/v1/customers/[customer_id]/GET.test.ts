/** GET /v1/customers/{customer_id}: the suite of get-customer-suite.ts. */
import { GET } from '~/app/v1/customers/[customer_id]/route';
import { getCustomerSuite } from './get-customer-suite';

getCustomerSuite(GET, '/v1/customers/{customer_id}', (id) => ({
  path: `/v1/customers/${id}`,
  params: { customer_id: id },
}));
