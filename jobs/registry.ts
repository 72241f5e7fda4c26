/**
 * Every job the worker runs, as data: the contract (queue and payload schema, server/queue/job-contracts.ts,
 * shared with whoever enqueues) and, for housekeeping, the schedule this worker upserts.
 */
import { JOB_CONTRACTS, type JobContract, type JobName } from '~/server/queue/job-contracts';

export type { JobName, JobPayload } from '~/server/queue/job-contracts';

export type JobSpec = JobContract & {
  /** Cron pattern (UTC) for jobs the worker schedules itself. */
  schedule?: string;
};

const SCHEDULES: Partial<Record<JobName, string>> = {
  'maintenance.purge-expired': '17 * * * *',
  'maintenance.expire-packages': '23 * * * *',
  'maintenance.rotate-signing-key': '7 3 * * *',
  'maintenance.reconcile-orders': '* * * * *',
  'maintenance.sweep-notifications': '* * * * *',
};

export const JOBS = Object.fromEntries(
  (Object.entries(JOB_CONTRACTS) as [JobName, JobContract][]).map(([name, c]) => [name, { ...c, schedule: SCHEDULES[name] }]),
) as Record<JobName, JobSpec>;
