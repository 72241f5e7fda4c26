/** GET /ogc/jobs/{jobId}/results — the results document (the package by reference), or the package for `raw` jobs. */
import { STATUS_SCOPES, statusDeps, viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { ogcHandler } from '~/server/ogc/exceptions';
import { getJobResults } from '~/server/ogc/get-job-results';
import { resultsResponse } from '~/server/ogc/respond';

export const dynamic = 'force-dynamic';

export const GET = withApiClient(
  { scopes: STATUS_SCOPES },
  ogcHandler(async ({ req, deps, caller, params }) => {
    const viewer = viewerOf(caller);
    return resultsResponse(deps, viewer, req, await getJobResults(statusDeps(deps), viewer, params.jobId!));
  }),
);
