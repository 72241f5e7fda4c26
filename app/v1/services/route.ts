/**
 * GET /v1/services[?all=true] — the services a client may start, with their parameters (admins: `all` for hidden too).
 * POST /v1/services — a new Airflow-backed service (admin; reference M11).
 */
import { viewerOf } from '~/server/http/order-routes';
import { queryParams } from '~/server/http/request';
import { createServiceRoute, SERVICE_ADMIN_SCOPES } from '~/server/http/service-admin-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { listServices, listServicesQuery } from '~/server/services/list-services';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: [] }, async ({ deps, caller, req }) => {
  const q = queryParams(req, listServicesQuery);
  return Response.json({ services: await listServices(deps.db, viewerOf(caller), { all: q.all === 'true' }) });
});

export const POST = withApiClient({ scopes: SERVICE_ADMIN_SCOPES }, createServiceRoute);
