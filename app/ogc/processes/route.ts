/** GET /ogc/processes — the processes (the service catalogue), `limit` at a time with a next link. Any valid token. */
import { viewerOf } from '~/server/http/order-routes';
import { queryParams } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';
import { ogcHandler } from '~/server/ogc/exceptions';
import { listProcesses, listProcessesQuery } from '~/server/ogc/list-processes';
import { ogcJson } from '~/server/ogc/respond';

export const dynamic = 'force-dynamic';

export const GET = withApiClient(
  { scopes: [] },
  ogcHandler(async ({ req, deps, caller }) =>
    ogcJson(await listProcesses(deps.db, viewerOf(caller), queryParams(req, listProcessesQuery))),
  ),
);
