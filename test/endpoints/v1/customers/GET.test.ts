/** GET /v1/customers: the suite of list-customers-suite.ts. */
import { GET } from '~/app/v1/customers/route';
import { listCustomersSuite } from './list-customers-suite';

listCustomersSuite(GET, '/v1/customers');
