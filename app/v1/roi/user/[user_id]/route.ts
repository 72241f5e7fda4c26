/** O4 GET /v1/roi/user/{user_id} — a customer's ROIs: the caller's own, or any for admins. */
import { listUserRoisRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ROI_SCOPES }, listUserRoisRoute);
