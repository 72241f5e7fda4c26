/** Health, the API index and the documentation routes themselves. */
import { z } from 'zod';
import { apiIndex } from '../api-index';
import { DOCS_ASSETS } from '../docs-page';
import { bearer, defineOperations, PUBLIC } from '../define-operation';

const check = z.looseObject({ ok: z.boolean() });

export const systemOperations = defineOperations([
  {
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the web process answers (no dependency checked)',
    tags: ['Health'],
    access: PUBLIC,
    responses: {
      200: { description: 'Up', schema: z.object({ status: z.literal('ok'), uptimeSeconds: z.number().int() }) },
    },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: PostgreSQL, PostGIS and Redis answer',
    tags: ['Health'],
    access: PUBLIC,
    responses: {
      200: {
        description: 'Ready: each check (postgres, postgis, redis) with `ok`',
        schema: z.looseObject({ status: z.literal('ok') }).catchall(check),
      },
      503: {
        description: 'Not ready: `failing` names the dependencies',
        schema: z.looseObject({ status: z.literal('unavailable'), failing: z.array(z.string()) }),
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics of the web processes, summed, and the business gauges (docs/operations.md)',
    description:
      'Open to the addresses of `METRICS_ALLOW_FROM` (default: loopback, never through a proxy); anyone else needs a bearer token with the `metrics` scope.',
    tags: ['Health'],
    access: bearer(['metrics']),
    responses: {
      200: {
        description: 'The Prometheus text exposition format 0.0.4',
        contentType: 'text/plain; version=0.0.4',
        schema: z.string(),
      },
    },
  },
  {
    method: 'get',
    path: '/v1',
    operationId: 'apiIndex',
    summary: 'The API index: links to the docs, this description, OGC API – Processes and the token endpoint',
    tags: ['Documentation'],
    access: PUBLIC,
    responses: { 200: { description: 'The index', schema: apiIndex } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tags: ['Documentation'],
    access: PUBLIC,
    responses: {
      200: {
        description: 'The document (servers: this server)',
        contentType: 'application/vnd.oai.openapi+json;version=3.1',
        schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
      },
    },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    summary: 'Interactive documentation (Swagger UI, served from this server)',
    tags: ['Documentation'],
    access: PUBLIC,
    responses: { 200: { description: 'An HTML page', contentType: 'text/html', schema: z.string() } },
  },
  {
    method: 'get',
    path: '/docs/assets/{file}',
    operationId: 'docsAsset',
    summary: 'The scripts and styles of /docs',
    tags: ['Documentation'],
    access: PUBLIC,
    params: { path: z.object({ file: z.enum(Object.keys(DOCS_ASSETS) as [string, ...string[]]) }) },
    responses: {
      200: { description: 'The file', contentType: '*/*', schema: z.string() },
      304: { description: 'Not modified (If-None-Match)' },
    },
    errors: [404],
  },
]);
