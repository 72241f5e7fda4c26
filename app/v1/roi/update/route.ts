/** O9 PUT /v1/roi/update — replaces an ROI named by `roi_id` in the body (name, description, geoJSON). */
import { ROI_SCOPES, updateRoiRoute } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PUT = withApiClient({ scopes: ROI_SCOPES }, (a) => updateRoiRoute(a, 'replace'));
