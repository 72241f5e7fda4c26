/** GET /ogc/conformance — the conformance classes of OGC API – Processes 1.0 this server implements (public). */
import { getConformance } from '~/server/ogc/conformance';
import { ogcHandler } from '~/server/ogc/exceptions';
import { ogcJson } from '~/server/ogc/respond';
import { withPublicRoute } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withPublicRoute(ogcHandler(async () => ogcJson(getConformance())));
