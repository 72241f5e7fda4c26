/** L1 POST /v1/logging/log_error: the suite of post-log-suite.ts at level ERROR. */
import { POST } from '~/app/v1/logging/log_error/route';
import { postLogSuite } from '../post-log-suite';

postLogSuite(POST, '/v1/logging/log_error', 'ERROR');
