import { rotateSigningKeyIfDue } from '~/server/auth/rotate-signing-key-if-due';
import { defineProcessor } from './define-processor';

/** Daily: rotate the token signing key when it is older than SIGNING_KEY_ROTATION_DAYS. */
export default defineProcessor({
  job: 'maintenance.rotate-signing-key',
  run: async ({ deps, log }) => {
    const r = await rotateSigningKeyIfDue(deps.db, { ...deps.auth, now: deps.now() });
    log.info(r.rotated ? `rotated signing key: ${r.kid}` : `signing key is ${r.ageDays} days old: no rotation due`);
    return r;
  },
});
