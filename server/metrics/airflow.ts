/** Calls to Airflow's REST API by outcome (server/airflow/airflow-request.ts). */
import { counter } from './registry';

export const airflowRequests = counter({
  name: 'clcplus_airflow_requests_total',
  help: 'Airflow REST API calls by outcome: ok (2xx), refused (another 4xx, returned to the caller), unreachable (network, timeout, 429, 5xx), credentials (401/403)',
  labelNames: ['outcome'] as const,
});

export type AirflowOutcome = 'ok' | 'refused' | 'unreachable' | 'credentials';
export const countAirflowRequest = (outcome: AirflowOutcome) => airflowRequests.inc({ outcome });
