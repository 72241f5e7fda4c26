/** The processors this worker runs, one per job name. */
import type { JobName } from '../registry';
import type { Processor } from './define-processor';
import logsWrite from './logs-write';
import maintenancePurgeExpired from './maintenance-purge-expired';

export const PROCESSORS: Processor<JobName>[] = [logsWrite, maintenancePurgeExpired] as Processor<JobName>[];
