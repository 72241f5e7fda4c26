/** O3 GET /v1/roi/id/{roi_id} — one of the caller's ROIs (the reference did not check the owner). */
import { getRoiRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ROI_SCOPES }, getRoiRoute);
