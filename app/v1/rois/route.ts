/** GET /v1/rois — the caller's ROIs; POST /v1/rois — save one (201, Location). */
import { createRoiRoute, listRoisRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ROI_SCOPES }, (a) => listRoisRoute(a));
export const POST = withApiClient({ scopes: ROI_SCOPES }, createRoiRoute);
