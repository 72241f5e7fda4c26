/** CPU slots: at most N at once, handed on in order, and a cancelled wait leaves without taking one. */
import { describe, expect, it } from 'vitest';
import { createSlots } from './cpu-slots';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = () => new Promise((r) => setImmediate(r));

describe('cpu slots', () => {
  it('runs at most `size` works at once, the others in arrival order', async () => {
    const slots = createSlots(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) => slots.run(async () => (started.push(i), await g.promise, i)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect([slots.busy, slots.waiting]).toEqual([2, 2]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });

  it('a failing work frees its slot', async () => {
    const slots = createSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error('GDAL failed')))).rejects.toThrow('GDAL failed');
    expect(await slots.run(async () => 'next')).toBe('next');
    expect(slots.busy).toBe(0);
  });

  it('a wait cancelled by its signal rejects with the reason and takes no slot', async () => {
    const slots = createSlots(1);
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const ac = new AbortController();
    let ran = false;
    const second = slots.run(async () => void (ran = true), ac.signal);
    await tick();
    ac.abort(new Error('order aborted'));
    await expect(second).rejects.toThrow('order aborted');
    expect(slots.waiting).toBe(0);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(slots.busy).toBe(0);
    // Already aborted: refused before waiting.
    await expect(slots.run(async () => 1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
