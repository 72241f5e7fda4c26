/** C2 GET /v1/config/airflow — each Airflow-backed service and the DAG it triggers (admin; reference-compatible). */
import { airflowConfigRoute, CONFIG_SCOPES } from '~/server/http/config-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CONFIG_SCOPES }, airflowConfigRoute);
