/** GET /docs — interactive API documentation (Swagger UI over /openapi.json), served offline from this server. */
import { docsPageResponse } from '~/server/openapi/docs-page';

export const dynamic = 'force-dynamic';

export function GET() {
  return docsPageResponse();
}
