import { expirePackages } from '~/server/packages/expire-packages';
import { defineProcessor } from './define-processor';

/** Hourly: delete packages past their expiry from the result storage; their links answer 410 from then on. */
export default defineProcessor({
  job: 'maintenance.expire-packages',
  run: async ({ deps, log }) => {
    if (!deps.dagServices) return { expired: 0, bytes: 0, failed: 0 };
    const result = await expirePackages({ db: deps.db, results: deps.dagServices.results, now: deps.now() });
    if (result.expired || result.failed) log.info('expired packages', result);
    return result;
  },
});
