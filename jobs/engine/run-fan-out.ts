/**
 * A fan-out task: the first time it runs it adds one child job per item of its list (computed from its inputs) and
 * waits for them (WaitingChildrenError: BullMQ runs it again when they are done); the second time it collects their
 * results in item order. An empty list is an empty result at once.
 */
import { WaitingChildrenError, type Job } from 'bullmq';
import type { Dag, TaskDefinition } from '~/dags/define-dag';
import { DAG_TASK_JOB, jobIdOf } from '~/dags/plan-flow';
import type { DagTaskData } from '~/server/queue/job-contracts';
import type { EngineDeps } from './engine-deps';
import { itemResultsOf } from './task-results';

export async function runFanOut(
  deps: EngineDeps,
  ctx: { job: Job; token?: string },
  dag: Dag,
  def: TaskDefinition<unknown> & { fanOut: NonNullable<TaskDefinition<unknown>['fanOut']> },
  data: DagTaskData,
  inputs: Record<string, unknown>,
  params: unknown,
): Promise<unknown[]> {
  const { job } = ctx;
  const done = await itemResultsOf(job);
  if (done.length) return done;
  const list = def.fanOut(inputs, params);
  const queue = job.queueQualifiedName;
  for (let i = 0; i < list.length; i++) {
    await deps.tasksQueue.add(
      DAG_TASK_JOB,
      { ...data, index: i, item: list[i], inputs },
      {
        jobId: jobIdOf(data.orderId, data.taskId, i),
        parent: { id: job.id!, queue },
        attempts: def.retry?.attempts ?? dag.retry.attempts,
      },
    );
  }
  if (list.length && (await job.moveToWaitingChildren(ctx.token!))) throw new WaitingChildrenError();
  return itemResultsOf(job);
}
