/** M2 GET /v1/crm/users: the suite of customers/list-customers-suite.ts. */
import { GET } from '~/app/v1/crm/users/route';
import { listCustomersSuite } from '../../customers/list-customers-suite';

listCustomersSuite(GET, '/v1/crm/users');
