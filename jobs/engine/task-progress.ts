/** Order progress from task progress: the weighted share of the tasks done, plus the running task's part. */
import type { Dag } from '~/dags/define-dag';

/** 0–99: 100 is for SUCCESS, after the teardown. */
export function progressOf(dag: Dag, taskId: string, taskPercent: number) {
  const w = (id: string) => dag.tasks[id]?.weight ?? 1;
  const total = dag.order.reduce((s, id) => s + w(id), 0);
  const before = dag.order.slice(0, dag.order.indexOf(taskId)).reduce((s, id) => s + w(id), 0);
  return Math.min(99, Math.round(((before + (w(taskId) * taskPercent) / 100) / total) * 99));
}

/** The order's progress is written at most this often by one task (each write is a transaction and a published change). */
export const PROGRESS_INTERVAL_MS = 1000;

/** A job's own progress (a Redis write) at most this often; GDAL's progress callbacks come hundreds of times a task. */
export const JOB_PROGRESS_INTERVAL_MS = 200;

/**
 * A task's `progress(percent)`: the job's own progress at most every JOB_PROGRESS_INTERVAL_MS (and at 100), and the
 * order's at most once a second, counted from the task's start (the order row is shared by every task of the run, and
 * each update is a transaction and a published change): a task shorter than a second writes none. Fan-out items and
 * the teardown only report on their job.
 */
export function progressReporter(
  report: (orderProgress: number) => Promise<unknown>,
  job: { updateProgress: (p: number) => Promise<unknown> },
  dag: Dag,
  task: { taskId: string; index?: number },
  now: () => number = Date.now,
) {
  let lastReport = now();
  let lastJob = -Infinity;
  let lastPct = -1;
  return async (pct: number) => {
    const t = now();
    if (pct !== lastPct && (pct >= 100 || t - lastJob >= JOB_PROGRESS_INTERVAL_MS)) {
      lastJob = t;
      lastPct = pct;
      await job.updateProgress(pct);
    }
    if (task.taskId === 'teardown' || task.index !== undefined || t - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = t;
    await report(progressOf(dag, task.taskId, pct)).catch(() => {});
  };
}
