/**
 * Removes the not-yet-started tasks of a cancelled order's run, bottom-up along its chain (and waiting fan-out
 * items), stopping at a running task (aborted through its signal instead) and never removing the teardown, which
 * then runs and cleans up. A job a worker takes meanwhile simply finds the order final and does nothing.
 */
import type { Job, Queue } from 'bullmq';
import { jobIdOf } from '~/dags/plan-flow';

const PENDING = new Set(['waiting', 'delayed', 'prioritized', 'paused']);

export async function removePendingTasks(tasksQueue: Queue, orderId: string): Promise<number> {
  const chain: Job[] = [];
  let job = await tasksQueue.getJob(jobIdOf(orderId, 'teardown'));
  let removed = 0;
  const tryRemove = async (j: Job) => {
    if (!PENDING.has(await j.getState())) return false;
    try {
      await j.remove();
      removed++;
      return true;
    } catch {
      return false; // taken by a worker meanwhile
    }
  };
  while (job) {
    chain.push(job);
    const { unprocessed = [] } = await job.getDependencies({ unprocessed: { count: 10_000 } });
    const ids = unprocessed.map((key) => key.slice(key.lastIndexOf(':') + 1));
    for (const id of ids.filter((i) => /\.\d+$/.test(i))) {
      const item = await tasksQueue.getJob(id);
      if (item) await tryRemove(item);
    }
    const next = ids.find((i) => !/\.\d+$/.test(i));
    job = next ? await tasksQueue.getJob(next) : undefined;
  }
  // Bottom-up: removing a task moves its parent from waiting-children to waiting, so it can go next.
  for (const j of chain.reverse()) {
    if (j.id === jobIdOf(orderId, 'teardown') || !(await tryRemove(j))) break;
  }
  return removed;
}
