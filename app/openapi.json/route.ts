/** GET /openapi.json — the OpenAPI 3.1 description of every route (server/openapi/), built once per process. */
import { baseUrlOf } from '~/server/openapi/base-url';
import { openApiJson } from '~/server/openapi/document';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return new Response(openApiJson(baseUrlOf(req)), {
    headers: {
      'content-type': 'application/vnd.oai.openapi+json;version=3.1; charset=utf-8',
      'cache-control': 'public, max-age=300',
      // Read by API tools on other origins (editors, code generators); it holds no secret.
      'access-control-allow-origin': '*',
    },
  });
}
