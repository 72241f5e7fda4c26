import { writeLogs } from '~/server/logging/write-logs';
import { defineProcessor } from './define-processor';

/** The log sink: a batch of log records → the logs table, in one insert. */
export default defineProcessor({
  job: 'logs.write',
  run: async ({ payload, deps }) => ({ written: await writeLogs(deps.db, payload.records) }),
});
