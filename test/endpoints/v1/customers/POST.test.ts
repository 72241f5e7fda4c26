/** POST /v1/customers: the suite of create-customer-suite.ts. */
import { POST } from '~/app/v1/customers/route';
import { createCustomerSuite } from './create-customer-suite';

createCustomerSuite(POST, '/v1/customers');
