/**
 * `/docs`: Swagger UI (the `swagger-ui-dist` package) over /openapi.json, served entirely from this server: its
 * script and style come from the package's folder in node_modules, read once per process (the package is external
 * to the Next.js bundle, next.config.js), and nothing is loaded from anywhere else — no CDN, no web fonts (its CSS
 * uses the system's), no online validator (`validatorUrl: null`). "Try it out" sends a bearer token, or gets one
 * with the OAuth2 client-credentials flow of the Authorize dialog, against this server.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';

const INIT = `// The /docs page's start-up: Swagger UI over this server's OpenAPI document.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // Never send the document to an online validator: the page makes requests to this server only.
    validatorUrl: null,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    filter: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    persistAuthorization: false,
  });
});
`;

const STYLE = `/* /docs: a header above Swagger UI, in the system's fonts. */
body { margin: 0; background: #fafafa; }
.clc-header { display: flex; align-items: baseline; gap: 1rem; padding: 0.75rem 1.25rem; background: #1b4d3e; color: #fff;
  font-family: system-ui, sans-serif; }
.clc-header h1 { font-size: 1.1rem; margin: 0; font-weight: 600; }
.clc-header a { color: #d6f5e8; font-size: 0.9rem; }
`;

type Asset = { contentType: string; file?: string; text?: string };

/** What /docs/assets/{file} serves: the package's files, and the page's own start-up script and style. */
export const DOCS_ASSETS: Record<string, Asset> = {
  'swagger-ui.css': { contentType: 'text/css; charset=utf-8', file: 'swagger-ui.css' },
  'swagger-ui-bundle.js': { contentType: 'text/javascript; charset=utf-8', file: 'swagger-ui-bundle.js' },
  'favicon-32x32.png': { contentType: 'image/png', file: 'favicon-32x32.png' },
  'docs.js': { contentType: 'text/javascript; charset=utf-8', text: INIT },
  'docs.css': { contentType: 'text/css; charset=utf-8', text: STYLE },
};

const loaded = new Map<string, { body: Buffer; etag: string }>();

function load(name: string): { body: Buffer; etag: string } | undefined {
  const asset = Object.hasOwn(DOCS_ASSETS, name) ? DOCS_ASSETS[name] : undefined;
  if (!asset) return undefined;
  let hit = loaded.get(name);
  if (!hit) {
    const body = asset.file ? readFileSync(path.join(getAbsoluteFSPath(), asset.file)) : Buffer.from(asset.text!);
    hit = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    loaded.set(name, hit);
  }
  return hit;
}

/** One asset of /docs, with an ETag (304 when the browser has it); undefined when there is no such asset. */
export function docsAssetResponse(name: string, req: Request): Response | undefined {
  const hit = load(name);
  if (!hit) return undefined;
  const headers = {
    'content-type': DOCS_ASSETS[name]!.contentType,
    'cache-control': 'public, max-age=3600',
    etag: hit.etag,
  };
  if (req.headers.get('if-none-match') === hit.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(hit.body), { status: 200, headers });
}

/** The /docs page. */
export function docsPageResponse(): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CLC+ Backbone API — documentation</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="stylesheet" href="/docs/assets/docs.css">
</head>
<body>
  <header class="clc-header"><h1>CLC+ Backbone API</h1>
    <a href="/openapi.json">openapi.json</a><a href="/v1">API index</a><a href="/ogc">OGC API – Processes</a></header>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/docs.js"></script>
</body>
</html>
`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
}
