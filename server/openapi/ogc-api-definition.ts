/**
 * `GET /ogc/api`: the API definition of the OGC API – Processes part in OpenAPI 3.0, which the standard's `oas30`
 * conformance class asks for (`/req/oas30/oas-definition-1`; `/openapi.json` is OpenAPI 3.1, a version 1.0 predates).
 * It is the same document as `/openapi.json`, cut to the `/ogc` paths and spelt in 3.0: every schema through
 * server/ogc/oas30-schema.ts (`nullable`, `example`, boolean exclusive bounds, references inlined), and the members
 * 3.0 lacks (`jsonSchemaDialect`, `info.summary`, `license.identifier`) left out. Nothing is described twice.
 */
import { toOas30Schema } from '../ogc/oas30-schema';
import { openApiDocument } from './document';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const mapValues = (o: unknown, f: (v: unknown) => unknown): Json | undefined =>
  isObject(o) ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) : undefined;

function withSchemas(root: Json) {
  const schema = (s: unknown) => toOas30Schema(s, root);
  const content = (c: unknown) => mapValues(c, (m) => (isObject(m) && m.schema ? { ...m, schema: schema(m.schema) } : m));
  const header = (h: unknown) => (isObject(h) && h.schema ? { ...h, schema: schema(h.schema) } : h);
  const response = (r: unknown) =>
    isObject(r)
      ? {
          ...r,
          ...(r.content ? { content: content(r.content) } : {}),
          ...(r.headers ? { headers: mapValues(r.headers, header) } : {}),
        }
      : r;
  return (op: unknown) => {
    if (!isObject(op)) return op;
    const body = op.requestBody;
    return {
      ...op,
      ...(Array.isArray(op.parameters) ? { parameters: op.parameters.map(header) } : {}),
      ...(isObject(body) ? { requestBody: { ...body, content: content(body.content) } } : {}),
      ...(op.responses ? { responses: mapValues(op.responses, response) } : {}),
    };
  };
}

const cache = new Map<string, Json>();

export function ogcApiDefinition(baseUrl: string): Json {
  const hit = cache.get(baseUrl);
  if (hit) return hit;
  const full = openApiDocument(baseUrl) as unknown as Json;
  const operation = withSchemas(full);
  const paths = Object.fromEntries(
    Object.entries((full.paths as Json) ?? {})
      .filter(([p]) => p === '/ogc' || p.startsWith('/ogc/'))
      .map(([p, item]) => [p, mapValues(item, operation)]),
  );
  const { summary: _summary, license, ...info } = full.info as Json;
  const { identifier: _identifier, ...license30 } = (license as Json | undefined) ?? {};
  const usedTags = new Set<unknown>(
    Object.values(paths).flatMap((item) => Object.values(item ?? {}).flatMap((op) => (op as Json).tags ?? [])),
  );
  const doc: Json = {
    openapi: '3.0.3',
    info: {
      ...info,
      title: 'CLC+ Backbone – OGC API – Processes',
      description:
        'The OGC API – Processes 1.0 part of the CLC+ Backbone API in OpenAPI 3.0. The whole API, in OpenAPI 3.1, is at /openapi.json.',
      ...(license30.name ? { license: license30 } : {}),
    },
    servers: full.servers,
    tags: ((full.tags as Json[] | undefined) ?? []).filter((t) => usedTags.has(t.name)),
    paths,
    components: { securitySchemes: (full.components as Json | undefined)?.securitySchemes ?? {} },
  };
  if (cache.size > 8) cache.clear();
  cache.set(baseUrl, doc);
  return doc;
}
