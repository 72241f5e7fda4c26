/** Worker jobs: duration by job name and outcome (jobs/run-job.ts). */
import { DelayedError, WaitingError } from 'bullmq';
import { histogram } from './registry';

export const jobDuration = histogram({
  name: 'clcplus_job_duration_seconds',
  help: 'Time a worker spent on one job attempt, by job name and outcome (completed, failed, delayed, released)',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
});

/** Times `run` as one attempt of job `name` (a registry name: bounded). */
export async function measureJob<T>(name: string, run: () => Promise<T>): Promise<T> {
  const end = jobDuration.startTimer({ job: name });
  try {
    const value = await run();
    end({ outcome: 'completed' });
    return value;
  } catch (e) {
    end({ outcome: e instanceof DelayedError ? 'delayed' : e instanceof WaitingError ? 'released' : 'failed' });
    throw e;
  }
}
