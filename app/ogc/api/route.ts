/** GET /ogc/api — the OGC API – Processes part of the API definition in OpenAPI 3.0 (the `oas30` class). */
import { baseUrlOf } from '~/server/openapi/base-url';
import { ogcApiDefinition } from '~/server/openapi/ogc-api-definition';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(ogcApiDefinition(baseUrlOf(req))), {
      headers: {
        'content-type': 'application/vnd.oai.openapi+json;version=3.0; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
      },
    }),
  );
}
