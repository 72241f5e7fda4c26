/** GET /v1 (and /v1/) — the API index: links to /docs, /openapi.json, /ogc and the token endpoint. */
import { apiIndexOf } from '~/server/openapi/api-index';
import { baseUrlOf } from '~/server/openapi/base-url';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return Response.json(apiIndexOf(baseUrlOf(req)), { headers: { 'cache-control': 'public, max-age=300' } });
}
