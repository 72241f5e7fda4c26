/** GET /ogc — the OGC API – Processes landing page (public): links to the API definition, conformance, processes, jobs. */
import { ogcHandler } from '~/server/ogc/exceptions';
import { getLandingPage } from '~/server/ogc/get-landing-page';
import { ogcJson } from '~/server/ogc/respond';
import { withPublicRoute } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withPublicRoute(ogcHandler(async () => ogcJson(getLandingPage())));
