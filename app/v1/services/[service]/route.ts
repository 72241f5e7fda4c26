/**
 * POST /v1/services/{service} — start a production service (the reference's S1–S5, S7–S15, and any service added
 * to the catalogue): 202 + status link, one order per unit listed. Scopes come from the catalogue.
 * GET /v1/services/{service} — what it is and its parameters' JSON Schema (any valid token; hidden ones: admins).
 * PATCH — change it (admin: scopes, visibility, description, Airflow DAG and connection); DELETE — remove a service an
 * administrator added (M13/M14; services defined in code: 409).
 */
import { viewerOf } from '~/server/http/order-routes';
import { deleteServiceRoute, SERVICE_ADMIN_SCOPES, updateServiceRoute } from '~/server/http/service-admin-routes';
import { startServiceRoute } from '~/server/http/service-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { getService } from '~/server/services/get-service';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: [] }, async ({ req, deps, caller, params }) =>
  startServiceRoute(deps, caller, req, params.service!),
);

export const GET = withApiClient({ scopes: [] }, async ({ deps, caller, params }) =>
  Response.json(await getService(deps.db, viewerOf(caller), { name: params.service! })),
);

export const PATCH = withApiClient({ scopes: SERVICE_ADMIN_SCOPES }, updateServiceRoute);
export const DELETE = withApiClient({ scopes: SERVICE_ADMIN_SCOPES }, deleteServiceRoute);
