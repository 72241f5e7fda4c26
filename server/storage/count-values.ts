/**
 * Counting the values of a raster as it is ingested (the check that every pixel is a class, and the histogram).
 * Four pixels at a time: a word of four equal bytes (most of a land cover raster, in runs) is one increment, ≈ 5×
 * faster than a loop a pixel. The counter counts on a worker thread: ingestion's own thread compresses the chunks
 * (h5wasm's deflate) meanwhile, so the count costs it a message a row block (the block moved once h5wasm has copied
 * it) instead of ≈ 1 s of 400 Mpx.
 */
import { Worker } from 'node:worker_threads';

function countInto(px: Uint8Array, histogram: Float64Array) {
  const counts = new Uint32Array(256);
  const words = px.byteOffset % 4 === 0 ? new Uint32Array(px.buffer, px.byteOffset, px.length >> 2) : new Uint32Array(0);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const b = w & 0xff;
    if (w === Math.imul(b, 0x01010101) >>> 0) counts[b]! += 4;
    else {
      counts[b]!++;
      counts[(w >>> 8) & 0xff]!++;
      counts[(w >>> 16) & 0xff]!++;
      counts[w >>> 24]!++;
    }
  }
  for (let i = words.length * 4; i < px.length; i++) counts[px[i]!]!++;
  for (let v = 0; v < 256; v++) histogram[v]! += counts[v]!;
}

/** Adds the count of each value of `px` to `histogram` (on this thread). */
export const countValues = countInto;

// The worker runs the same function: its source as this process runs it, already plain JavaScript (no loader needed).
const WORKER = `
const { parentPort } = require('node:worker_threads');
const countInto = ${countInto.toString()};
const histogram = new Float64Array(256);
parentPort.on('message', (m) => {
  if (m === 'done') parentPort.postMessage(histogram);
  else countInto(new Uint8Array(m), histogram);
});`;

export type ValueCounter = {
  /**
   * Counts `px` on the worker: a copy (the caller may reuse `px` at once), or with `move` its buffer itself when `px`
   * spans all of it (the caller must not use `px` again: it is detached).
   */
  add(px: Uint8Array, opts?: { move?: boolean }): void;
  /** The counts of everything added; ends the worker. */
  done(): Promise<Float64Array>;
  /** Ends the worker without a result (on error or cancellation). */
  close(): Promise<void>;
};

export function valueCounter(): ValueCounter {
  const worker = new Worker(WORKER, { eval: true });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  failed.catch(() => {}); // surfaced by done()
  return {
    add(px, opts) {
      const whole = px.byteOffset === 0 && px.byteLength === px.buffer.byteLength && px.buffer instanceof ArrayBuffer;
      const buffer = opts?.move && whole ? (px.buffer as ArrayBuffer) : px.slice().buffer;
      worker.postMessage(buffer, [buffer]);
    },
    async done() {
      const result = new Promise<Float64Array>((resolve) => worker.once('message', resolve));
      worker.postMessage('done');
      try {
        return await Promise.race([result, failed]);
      } finally {
        await worker.terminate();
      }
    },
    async close() {
      await worker.terminate();
    },
  };
}
