/** M3 GET /v1/crm/users/filter: the suite of customers/list-customers-suite.ts. */
import { GET } from '~/app/v1/crm/users/filter/route';
import { listCustomersSuite } from '../../../customers/list-customers-suite';

listCustomersSuite(GET, '/v1/crm/users/filter');
