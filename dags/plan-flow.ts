/**
 * Compiles a DAG run into the BullMQ flow the embedded engine adds (pure data, no Redis here). BullMQ runs children
 * before their parent, so the tasks become a chain in dependency order: each task's job is the parent of the job of
 * the task before it. The teardown is the root, so it runs last, and it runs even when a task failed (the last task
 * does not fail its parent). A fan-out task adds one child job per item when it runs (its list comes from the tasks
 * before it), then waits for them. Job ids are deterministic, `<order>.<task>[.<index>]` (BullMQ refuses `:` in
 * custom ids, its key separator): adding the same run twice cannot start work twice.
 */
import type { z } from 'zod';
import type { Dag } from './define-dag';

export type PlannedJob = {
  name: string;
  queueName: string;
  data: { dagId: string; dagVersion: number; orderId: string; taskId: string };
  opts: {
    jobId: string;
    attempts: number;
    backoff: { type: 'exponential'; delay: number };
    failParentOnFailure: boolean;
    ignoreDependencyOnFailure: boolean;
  };
  children?: PlannedJob[];
};

/** The BullMQ job name of every DAG task (the DAG and task are in the job's data). */
export const DAG_TASK_JOB = 'dag.task';

export const jobIdOf = (orderId: string, taskId: string, index?: number) =>
  index === undefined ? `${orderId}.${taskId}` : `${orderId}.${taskId}.${index}`;

export function planFlow<S extends z.ZodType>(dag: Dag<S>, orderId: string, opts: { queueName: string }): PlannedJob {
  const last = dag.order[dag.order.length - 1];
  const job = (taskId: string): PlannedJob => {
    const policy = (taskId === 'teardown' ? dag.teardown?.retry : dag.tasks[taskId]?.retry) ?? dag.retry;
    const beforeTeardown = !!dag.teardown && taskId === last;
    return {
      name: DAG_TASK_JOB,
      queueName: opts.queueName,
      data: { dagId: dag.id, dagVersion: dag.version, orderId, taskId },
      opts: {
        jobId: jobIdOf(orderId, taskId),
        attempts: policy.attempts,
        backoff: { type: 'exponential', delay: policy.backoffMs },
        failParentOnFailure: !beforeTeardown,
        // A failed chain still reaches the teardown.
        ignoreDependencyOnFailure: beforeTeardown,
      },
    };
  };
  let previous: PlannedJob | undefined;
  for (const taskId of dag.order) {
    const current = job(taskId);
    if (previous) current.children = [previous];
    previous = current;
  }
  if (!dag.teardown) return previous!;
  const root = job('teardown');
  if (previous) root.children = [previous];
  return root;
}
