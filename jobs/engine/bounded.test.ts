/**
 * bounded(): the task's promise against its signal. The soak found the case that ended the worker: a task cancelled
 * before bounded() was called, whose work then rejected with the cancellation — unhandled.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { bounded } from './bounded';

/** Unhandled rejections seen while `fn` runs and for a few event-loop turns after it. */
async function unhandledDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}

describe('bounded', () => {
  it('rejects with the reason of a signal aborted before the call, and the work rejecting later is handled', async () => {
    const c = new AbortController();
    const reason = new Error('the order was cancelled');
    c.abort(reason);
    const seen = await unhandledDuring(async () => {
      const work = new Promise<never>((_, reject) => setTimeout(() => reject(reason), 10));
      await expect(bounded(work, c.signal)).rejects.toBe(reason);
      await new Promise((r) => setTimeout(r, 20)); // the work has rejected by now
    });
    expect(seen).toEqual([]);
  });

  it('rejects when the signal aborts during the work, which is left to finish on its own', async () => {
    const c = new AbortController();
    const seen = await unhandledDuring(async () => {
      const work = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 20));
      const p = bounded(work, c.signal);
      c.abort(new Error('stop'));
      await expect(p).rejects.toThrow('stop');
      await new Promise((r) => setTimeout(r, 30));
    });
    expect(seen).toEqual([]);
  });

  it("resolves with the work's value and leaves no listener on the signal", async () => {
    const c = new AbortController();
    await expect(bounded(Promise.resolve(42), c.signal)).resolves.toBe(42);
    await new Promise((r) => setTimeout(r, 0));
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });
});
