/** A task function's promise bounded by a signal (its timeout, the order's cancellation, the worker's shutdown). */

/** A task ran past its policy's timeout: a failure like any other (retried, then the order FAILED). */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

/**
 * `work`, or a rejection with the signal's reason when it aborts first (the work itself is left to its signal). The
 * work always gets a handler, also when the signal had aborted before: the work then typically rejects with the same
 * reason a moment later, and unhandled, that rejection would end the worker.
 */
export function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
