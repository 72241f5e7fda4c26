/** O1 POST /v1/roi/create — saves an ROI (`name`, `description`, `geoJSON`); 201 with the ROI (its `roi_id`). */
import { createRoiRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: ROI_SCOPES }, createRoiRoute);
