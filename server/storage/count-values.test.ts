/** The value count of ingestion (count-values.ts): the same counts as one increment a pixel, on the thread or off it. */
import { describe, expect, it } from 'vitest';
import { countValues, valueCounter } from './count-values';

const plain = (blocks: Uint8Array[]) => {
  const h = new Float64Array(256);
  for (const b of blocks) for (const v of b) h[v]!++;
  return h;
};

// Runs of one class (words of four equal bytes), mixed words, every value, a length that is not a multiple of four,
// and a view that does not start on a word boundary.
const runs = new Uint8Array(10_003).map((_, i) => [1, 5, 255, 11][Math.floor(i / 37) % 4]!);
const mixed = new Uint8Array(4_097).map((_, i) => (i * 7919) % 256);
const unaligned = new Uint8Array(new Uint8Array(1_001).map((_, i) => (i >> 3) % 13).buffer, 1, 999);
const blocks = [runs, mixed, unaligned];

describe('counting values', () => {
  it('on this thread: the counts of a plain loop', () => {
    const h = new Float64Array(256);
    for (const b of blocks) countValues(b, h);
    expect(Array.from(h)).toEqual(Array.from(plain(blocks)));
  });

  it('on a worker thread: the same counts, the blocks free to reuse at once', async () => {
    const c = valueCounter();
    const reused = new Uint8Array(runs);
    c.add(reused);
    reused.fill(0); // the counter counts a copy
    const moved = new Uint8Array(mixed);
    c.add(moved, { move: true });
    expect(moved.byteLength).toBe(0); // detached: moved to the worker, not copied
    c.add(unaligned, { move: true }); // a view of part of a buffer: copied
    expect(unaligned.byteLength).toBe(999);
    expect(Array.from(await c.done())).toEqual(Array.from(plain(blocks)));
  });
});
