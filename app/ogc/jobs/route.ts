/** GET /ogc/jobs — the caller's jobs (= orders), newest first, filtered, with next/prev links. Any valid token. */
import { STATUS_SCOPES, viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { ogcHandler } from '~/server/ogc/exceptions';
import { listJobs, readListJobsQuery } from '~/server/ogc/list-jobs';
import { ogcJson } from '~/server/ogc/respond';

export const dynamic = 'force-dynamic';

export const GET = withApiClient(
  { scopes: STATUS_SCOPES },
  ogcHandler(async ({ req, deps, caller }) =>
    ogcJson(await listJobs(deps.db, viewerOf(caller), readListJobsQuery(new URL(req.url)))),
  ),
);
