/** GET, PATCH (some fields), PUT (all fields), DELETE /v1/rois/{roi_id} — the caller's ROI. */
import { deleteRoiRoute, getRoiRoute, ROI_SCOPES, updateRoiRoute } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ROI_SCOPES }, getRoiRoute);
export const PATCH = withApiClient({ scopes: ROI_SCOPES }, (a) => updateRoiRoute(a, 'patch'));
export const PUT = withApiClient({ scopes: ROI_SCOPES }, (a) => updateRoiRoute(a, 'replace'));
export const DELETE = withApiClient({ scopes: ROI_SCOPES }, deleteRoiRoute);
