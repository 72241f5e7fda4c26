/** Task progress: how often a task writes its job's progress (Redis) and its order's (a transaction). */
import { describe, expect, it } from 'vitest';
import { defineDag, POLICIES, type Dag } from '~/dags/define-dag';
import { z } from 'zod';
import { JOB_PROGRESS_INTERVAL_MS, PROGRESS_INTERVAL_MS, progressOf, progressReporter } from './task-progress';

const dag = defineDag({
  id: 'progress_test',
  version: 1,
  description: 'two tasks, weights 3 and 1',
  params: z.object({}),
  retry: POLICIES.quick,
  tasks: {
    a: { weight: 3, run: async () => 1 },
    b: { needs: ['a'], weight: 1, run: async () => 2 },
  },
}) as unknown as Dag;

function harness(taskId: string, index?: number) {
  let clock = 1_000_000;
  const job: number[] = [];
  const order: number[] = [];
  const progress = progressReporter(
    async (p) => void order.push(p),
    { updateProgress: async (p) => void job.push(p) },
    dag,
    { taskId, index },
    () => clock,
  );
  return { progress, job, order, tick: (ms: number) => void (clock += ms) };
}

describe('task progress', () => {
  it('weights the tasks done and the running one, 0–99', () => {
    expect(progressOf(dag, 'a', 0)).toBe(0);
    expect(progressOf(dag, 'a', 100)).toBe(74);
    expect(progressOf(dag, 'b', 50)).toBe(87);
    expect(progressOf(dag, 'b', 100)).toBe(99);
  });

  it('a task shorter than a second writes no order progress, and its job progress at most every 200 ms and at 100', async () => {
    const h = harness('a');
    for (let pct = 1; pct <= 100; pct++) {
      await h.progress(pct);
      h.tick(5); // 100 callbacks in half a second, as GDAL's progress gives them
    }
    expect(h.order).toEqual([]);
    expect(h.job.length).toBeLessThanOrEqual(Math.ceil(500 / JOB_PROGRESS_INTERVAL_MS) + 1);
    expect(h.job[0]).toBe(1);
    expect(h.job.at(-1)).toBe(100);
  });

  it('a long task writes its order at most once a second, the first after a second', async () => {
    const h = harness('a');
    for (let i = 1; i <= 50; i++) {
      h.tick(100);
      await h.progress(i * 2);
    }
    // 5 s of progress: one order write per second after the start.
    expect(h.order.length).toBe(Math.floor(5000 / PROGRESS_INTERVAL_MS));
    expect(h.order[0]).toBe(progressOf(dag, 'a', 20));
  });

  it('a repeated percentage is not written again; fan-out items and the teardown write only their job', async () => {
    const item = harness('a', 3);
    await item.progress(10);
    item.tick(2000);
    await item.progress(10);
    await item.progress(60);
    expect(item.job).toEqual([10, 60]);
    expect(item.order).toEqual([]);
    const teardown = harness('teardown');
    teardown.tick(2000);
    await teardown.progress(50);
    expect(teardown.order).toEqual([]);
  });
});
