import { purgeExpired } from '~/server/system/purge-expired';
import { defineProcessor } from './define-processor';

/** Hourly: forget expired revoked-token / used-assertion records and logs past retention. */
export default defineProcessor({
  job: 'maintenance.purge-expired',
  run: async ({ deps, log }) => {
    const result = await purgeExpired(deps.db, { now: deps.now(), logRetentionDays: deps.logRetentionDays });
    log.info('purged expired rows', result);
    return result;
  },
});
