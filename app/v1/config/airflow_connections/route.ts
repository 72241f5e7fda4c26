/** GET /v1/config/airflow_connections — the Airflow connections (the API's and AIRFLOW_CONNECTIONS'), never a password (admin). */
import { CONFIG_SCOPES, listConnectionsRoute } from '~/server/http/config-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CONFIG_SCOPES }, listConnectionsRoute);
