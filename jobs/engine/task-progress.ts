/** Order progress from task progress: the weighted share of the tasks done, plus the running task's part. */
import type { Dag } from '~/dags/define-dag';

/** 0–99: 100 is for SUCCESS, after the teardown. */
export function progressOf(dag: Dag, taskId: string, taskPercent: number) {
  const w = (id: string) => dag.tasks[id]?.weight ?? 1;
  const total = dag.order.reduce((s, id) => s + w(id), 0);
  const before = dag.order.slice(0, dag.order.indexOf(taskId)).reduce((s, id) => s + w(id), 0);
  return Math.min(99, Math.round(((before + (w(taskId) * taskPercent) / 100) / total) * 99));
}

/**
 * A task's `progress(percent)`: the job's own progress, and the order's at most once a second (the order row is
 * shared by every task of the run, and each update is a transaction and a published change). Fan-out items and the
 * teardown only report on their job.
 */
export function progressReporter(
  report: (orderProgress: number) => Promise<unknown>,
  job: { updateProgress: (p: number) => Promise<unknown> },
  dag: Dag,
  task: { taskId: string; index?: number },
) {
  let lastReport = 0;
  return async (pct: number) => {
    await job.updateProgress(pct);
    if (task.taskId === 'teardown' || task.index !== undefined || Date.now() - lastReport < 1000) return;
    lastReport = Date.now();
    await report(progressOf(dag, task.taskId, pct)).catch(() => {});
  };
}
