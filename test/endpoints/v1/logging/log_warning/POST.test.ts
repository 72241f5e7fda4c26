/** L3 POST /v1/logging/log_warning: the suite of post-log-suite.ts at level WARNING. */
import { POST } from '~/app/v1/logging/log_warning/route';
import { postLogSuite } from '../post-log-suite';

postLogSuite(POST, '/v1/logging/log_warning', 'WARNING');
