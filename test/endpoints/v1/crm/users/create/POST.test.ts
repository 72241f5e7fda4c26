/** M1 POST /v1/crm/users/create: the suite of customers/create-customer-suite.ts. */
import { POST } from '~/app/v1/crm/users/create/route';
import { createCustomerSuite } from '../../../customers/create-customer-suite';

createCustomerSuite(POST, '/v1/crm/users/create');
