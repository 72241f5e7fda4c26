/** O2 GET /v1/roi — the legacy list (the reference: admins, every ROI; here: the caller's, admins every one). */
import { listRoisRoute, ROI_SCOPES } from '~/server/http/roi-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: ROI_SCOPES }, (a) => listRoisRoute(a));
