/**
 * `GET /v1/`: the API index, as the reference's root page was (a welcome and where to go), as JSON links: the
 * interactive docs, the OpenAPI document, OGC API – Processes, the token endpoint and the server metadata.
 */
import { z } from 'zod';

const link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string(),
});

export const apiIndex = z
  .object({
    message: z.string(),
    title: z.string(),
    description: z.string(),
    api_version: z.string(),
    links: z.array(link),
  })
  .meta({ id: 'ApiIndex', description: 'Where to start: documentation, description, interfaces, tokens' });
export type ApiIndex = z.infer<typeof apiIndex>;

export function apiIndexOf(baseUrl: string): ApiIndex {
  const at = (p: string) => `${baseUrl}${p}`;
  return {
    message: 'Welcome to the CLCplus Backbone Service API',
    title: 'CLC+ Backbone API',
    description:
      'Order the Copernicus CLC+ Backbone land-cover products, follow and download orders, run production services. Get a token at the token endpoint (client credentials), then call the operations described at service-desc.',
    api_version: '1',
    links: [
      { href: at('/v1/'), rel: 'self', type: 'application/json', title: 'This index' },
      { href: at('/docs'), rel: 'service-doc', type: 'text/html', title: 'Interactive API documentation' },
      {
        href: at('/openapi.json'),
        rel: 'service-desc',
        type: 'application/vnd.oai.openapi+json;version=3.1',
        title: 'OpenAPI 3.1 description of every operation',
      },
      { href: at('/ogc'), rel: 'ogc-processes', type: 'application/json', title: 'OGC API – Processes landing page' },
      {
        href: at('/oauth/token'),
        rel: 'token-endpoint',
        type: 'application/json',
        title: 'OAuth 2.0 token endpoint (client credentials)',
      },
      {
        href: at('/.well-known/oauth-authorization-server'),
        rel: 'oauth-authorization-server',
        type: 'application/json',
        title: 'Authorization server metadata (RFC 8414)',
      },
      { href: at('/v1/services'), rel: 'services', type: 'application/json', title: 'The services a client may start' },
      { href: at('/healthz'), rel: 'status', type: 'application/json', title: 'Liveness' },
    ],
  };
}
