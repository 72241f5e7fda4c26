/** GET /ogc/processes/{processId} — a process description: inputs (JSON Schema, OpenAPI 3.0 spelling) and outputs. */
import { viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { ogcHandler } from '~/server/ogc/exceptions';
import { getProcess } from '~/server/ogc/get-process';
import { ogcJson } from '~/server/ogc/respond';

export const dynamic = 'force-dynamic';

export const GET = withApiClient(
  { scopes: [] },
  ogcHandler(async ({ deps, caller, params }) => ogcJson(await getProcess(deps.db, viewerOf(caller), params.processId!))),
);
