/** O8 PATCH /v1/roi/update/filter — changes some fields of the ROI named by `roi_id` in the body. */
import { ROI_SCOPES, updateRoiRoute } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const PATCH = withApiClient({ scopes: ROI_SCOPES }, (a) => updateRoiRoute(a, 'patch'));
