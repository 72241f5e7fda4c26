/** L2 POST /v1/logging/log_info: the suite of post-log-suite.ts at level INFO. */
import { POST } from '~/app/v1/logging/log_info/route';
import { postLogSuite } from '../post-log-suite';

postLogSuite(POST, '/v1/logging/log_info', 'INFO');
