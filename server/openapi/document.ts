/**
 * The OpenAPI 3.1 document of the whole HTTP interface, generated from the operation registry
 * (operations/index.ts) with zod-openapi: request parameters and bodies from the zod schemas the handlers validate
 * with, responses from the operations' zod response schemas, problem+json errors, the two security schemes (OAuth2
 * client credentials at /oauth/token, and the bearer JWT it issues). Built once per process and base URL
 * (`openApiDocument`), served by app/openapi.json/route.ts and rendered by /docs.
 */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { SCOPES } from '~/db/seed/reference-data';
import { ERROR_CODES } from '../errors';
import { implicitErrors, type OperationSpec, type ResponseSpec } from './define-operation';
import { OPERATIONS, TAGS } from './operations';
import { oauthError, problem } from './shared';

export type OpenApiDocument = ReturnType<typeof createDocument>;

const STATUS_TITLES: Record<number, string> = Object.fromEntries(
  Object.values(ERROR_CODES).map((c) => [c.status, c.title] as const),
);

const PROBLEM_TYPE = 'application/problem+json';

function responseObject(r: ResponseSpec) {
  const headers = r.headers
    ? Object.fromEntries(
        Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
      )
    : undefined;
  return {
    description: r.description,
    ...(headers ? { headers } : {}),
    ...(r.schema
      ? {
          content: {
            [r.contentType ?? 'application/json']: { schema: r.schema, ...(r.examples ? { examples: r.examples } : {}) },
            ...Object.fromEntries(Object.entries(r.also ?? {}).map(([type, schema]) => [type, { schema }])),
          },
        }
      : {}),
  };
}

function operationObject(op: OperationSpec): ZodOpenApiOperationObject {
  const responses: Record<string, ReturnType<typeof responseObject>> = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = responseObject(r);
  // The OAuth endpoints answer RFC 6749 errors; everything else problem+json.
  const errorSchema =
    op.access.kind === 'client' ? { 'application/json': { schema: oauthError } } : { [PROBLEM_TYPE]: { schema: problem } };
  for (const status of [...new Set([...implicitErrors(op), ...(op.errors ?? [])])].sort((a, b) => a - b)) {
    if (responses[status]) continue;
    responses[status] = {
      description: STATUS_TITLES[status] ?? `Error ${status}`,
      ...(status === 401
        ? { headers: { 'www-authenticate': { description: 'Bearer realm="clcplus"…', schema: { type: 'string' } } } }
        : {}),
      content: errorSchema,
    } as unknown as ReturnType<typeof responseObject>;
  }
  const security =
    op.access.kind === 'bearer'
      ? [{ bearer: [...op.access.scopes] }, { oauth2: [...op.access.scopes] }]
      : op.access.kind === 'client'
        ? [{ clientBasic: [] }, {}]
        : [];
  const scopesLine =
    op.access.kind === 'bearer'
      ? op.access.scopes.length
        ? `\n\nScopes: any one of \`${op.access.scopes.join('`, `')}\`.`
        : '\n\nScopes: any valid access token.'
      : '';
  const legacyLine = op.legacy?.length
    ? `\n\nReference operation${op.legacy.length > 1 ? 's' : ''}: ${op.legacy.join(', ')}.`
    : '';
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description ?? op.summary}${scopesLine}${legacyLine}`,
    tags: [...op.tags],
    ...(op.deprecated ? { deprecated: true } : {}),
    security,
    ...(op.params ? { requestParams: op.params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required ?? true,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: {
              [op.body.contentType ?? 'application/json']: {
                schema: op.body.schema,
                ...(op.body.examples ? { examples: op.body.examples } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

export function buildOpenApiDocument(baseUrl: string, operations: readonly OperationSpec[] = OPERATIONS): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    if (item[op.method]) throw new Error(`two operations for ${op.method.toUpperCase()} ${op.path}`);
    item[op.method] = operationObject(op);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'CLC+ Backbone API',
        version: '1',
        summary: 'Order the Copernicus CLC+ Backbone land-cover products, run production services, administer clients',
        description: [
          'The REST API of the CLC+ Backbone system: the legacy `/v1` routes (drop-in for the reference system, see',
          '`docs/legacy-api.md`), OGC API – Processes 1.0 (`/ogc`), the OAuth 2.0 authorization server (`/oauth/*`),',
          'package downloads and health.',
          '',
          '**Authentication.** Get an access token with the client-credentials grant at `/oauth/token` (HTTP Basic with',
          'your client id and secret, or a private-key JWT), then send it as `Authorization: Bearer <token>`. Each',
          'operation lists the scopes it accepts (any one of them). Errors are problem+json (RFC 9457) with `code`,',
          '`reason` and `requestId`; the OAuth endpoints answer RFC 6749 errors.',
        ].join('\n'),
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
      servers: [{ url: baseUrl, description: 'This server' }],
      tags: TAGS,
      paths,
      components: {
        securitySchemes: {
          oauth2: {
            type: 'oauth2',
            description: 'OAuth 2.0 client credentials (RFC 6749 §4.4): the token endpoint issues a bearer JWT.',
            flows: {
              clientCredentials: {
                tokenUrl: `${baseUrl}/oauth/token`,
                scopes: Object.fromEntries(SCOPES.map((s) => [s.name, s.description])),
              },
            },
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An access token from POST /oauth/token (or the legacy POST /v1/auth/get_bearer_token).',
          },
          clientBasic: {
            type: 'http',
            scheme: 'basic',
            description:
              'Client authentication at the OAuth endpoints: client id and secret (or form fields / client_assertion).',
          },
        },
      },
    },
    { reused: 'inline' },
  );
}

const cache = new Map<string, { doc: OpenApiDocument; json: string }>();

function cached(baseUrl: string) {
  let hit = cache.get(baseUrl);
  if (!hit) {
    const doc = buildOpenApiDocument(baseUrl);
    hit = { doc, json: JSON.stringify(doc) };
    if (cache.size > 8) cache.clear();
    cache.set(baseUrl, hit);
  }
  return hit;
}

/** The document for this base URL (PUBLIC_URL, or the request's origin), built once per process. */
export const openApiDocument = (baseUrl: string): OpenApiDocument => cached(baseUrl).doc;

/** The same, serialised once (what GET /openapi.json sends). */
export const openApiJson = (baseUrl: string): string => cached(baseUrl).json;
