/**
 * PUT /v1/config/airflow_connections/{name} — add (201) or replace (200) a connection; the password is stored
 * encrypted and never returned. DELETE — remove it (services naming it are refused with 503 until it is back). Admin.
 */
import { CONFIG_SCOPES, removeConnectionRoute, saveConnectionRoute } from '~/server/http/config-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PUT = withApiClient({ scopes: CONFIG_SCOPES }, saveConnectionRoute);
export const DELETE = withApiClient({ scopes: CONFIG_SCOPES }, removeConnectionRoute);
