/** O6 DELETE /v1/roi/delete/id/{roi_id} — deletes one of the caller's ROIs (204). */
import { deleteRoiRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const DELETE = withApiClient({ scopes: ROI_SCOPES }, deleteRoiRoute);
