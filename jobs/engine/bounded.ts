/** A task function's promise bounded by a signal (its timeout, the order's cancellation, the worker's shutdown). */

/** A task ran past its policy's timeout: a failure like any other (retried, then the order FAILED). */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

/** `work`, or a rejection with the signal's reason when it aborts first (the work itself is left to its signal). */
export function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
