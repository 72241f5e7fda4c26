/**
 * What an Airflow call can end in besides a body: unreachable (network, timeout, 5xx, 429: retry later), or an answer
 * that settles the order (401/403 wrong credentials, 404 unknown DAG…). No message carries a credential.
 */
export class AirflowError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'refused',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AirflowError';
  }
}

export const isUnreachable = (e: unknown): e is AirflowError => e instanceof AirflowError && e.kind === 'unreachable';
