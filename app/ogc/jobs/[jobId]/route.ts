/**
 * GET /ogc/jobs/{jobId} — the job's statusInfo (the order of /v1/services/order_status/{id}).
 * DELETE — dismiss it: a job in progress is stopped (ABORTED), a finished one removed from the job list.
 */
import { STATUS_SCOPES, viewerOf } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { dismissJob } from '~/server/ogc/dismiss-job';
import { ogcHandler } from '~/server/ogc/exceptions';
import { getJob } from '~/server/ogc/get-job';
import { ogcJson } from '~/server/ogc/respond';

export const dynamic = 'force-dynamic';

export const GET = withApiClient(
  { scopes: STATUS_SCOPES },
  ogcHandler(async ({ deps, caller, params }) => ogcJson(await getJob(deps.db, viewerOf(caller), params.jobId!))),
);

export const DELETE = withApiClient(
  { scopes: STATUS_SCOPES },
  ogcHandler(async ({ deps, caller, params }) =>
    ogcJson(
      await dismissJob(
        { db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, enqueue: deps.queues.enqueue },
        { ...viewerOf(caller), label: `client:${caller.clientId}` },
        params.jobId!,
      ),
    ),
  ),
);
