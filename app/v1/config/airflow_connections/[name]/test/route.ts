/** POST /v1/config/airflow_connections/{name}/test — does it work? One authenticated call to Airflow (admin). */
import { CONFIG_SCOPES, testConnectionRoute } from '~/server/http/config-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: CONFIG_SCOPES }, testConnectionRoute);
