/**
 * What an Airflow call can end in besides a body: unreachable (network, timeout, 5xx, 429: retry later), credentials
 * refused (401/403, or a failed v2 POST /auth/token: retrying cannot help, the order ends FAILED), or another answer
 * that settles the step (404 unknown DAG…). No message carries a credential.
 */
export class AirflowError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'refused' | 'credentials',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AirflowError';
  }
}

export const isUnreachable = (e: unknown): e is AirflowError => e instanceof AirflowError && e.kind === 'unreachable';

/** Airflow answered 401/403 (or refused a v2 token) for this connection: its username or password is wrong. */
export const isCredentialsRefused = (e: unknown): e is AirflowError => e instanceof AirflowError && e.kind === 'credentials';

/** The one wording of a refusal, naming the connection (never the credentials). */
export const credentialsRefused = (connection: string, status: number, what = '') =>
  new AirflowError(
    `Airflow connection "${connection}": credentials refused (HTTP ${status}${what ? ` ${what}` : ''})`,
    'credentials',
    status,
  );
