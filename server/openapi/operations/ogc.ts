/**
 * OGC API – Processes – Part 1: Core 1.0 under /ogc (server/ogc/): processes are the service catalogue, jobs are
 * orders. Request parameters and bodies are the zod schemas the OGC handlers validate with; the responses are the
 * standard's documents (landing page, conformance, process list and description, statusInfo, job list, results),
 * described here by their required members (the OGC tests check them against the standard's own schemas).
 */
import { z } from 'zod';
import { STATUS_SCOPES } from '../../http/order-routes';
import { executeRequest } from '../../ogc/execute-request';
import { listJobsQuery } from '../../ogc/list-jobs';
import { listProcessesQuery } from '../../ogc/list-processes';
import { OGC_STATUSES } from '../../ogc/status-info';
import { bearer, defineOperations, PUBLIC } from '../define-operation';

const link = z.looseObject({
  href: z.string(),
  rel: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
});
const links = z.array(link);

export const statusInfo = z
  .looseObject({
    type: z.literal('process'),
    jobID: z.string(),
    processID: z.string().optional(),
    status: z.enum(OGC_STATUSES),
    message: z.string().optional(),
    created: z.string().optional(),
    started: z.string().optional(),
    finished: z.string().optional(),
    updated: z.string().optional(),
    progress: z.number().int().min(0).max(100).optional(),
    links: links.optional(),
  })
  .meta({ id: 'OgcStatusInfo', description: 'statusInfo.yaml: a job (an order) and its state' });

const processSummary = z.looseObject({
  id: z.string(),
  version: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  jobControlOptions: z.array(z.string()).optional(),
  outputTransmission: z.array(z.string()).optional(),
  links: links.optional(),
});

const processIdPath = z.object({
  processId: z.string().meta({ description: 'A process id (GET /ogc/processes)', examples: ['get_product'] }),
});
const jobIdPath = z.object({ jobId: z.string().meta({ description: 'A job id (= the order id)' }) });
const ops = { tags: ['OGC API – Processes'] } as const;
const binary = z.string().meta({ format: 'binary' });
const resultsDocument = z
  .record(z.string(), z.unknown())
  .meta({ description: 'results.yaml: output id → a link (href, type) or a qualified value' });

export const ogcOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/ogc',
    operationId: 'ogcLandingPage',
    summary: 'Landing page: links to the API definition, conformance, processes and jobs',
    access: PUBLIC,
    responses: {
      200: { description: 'landingPage.yaml', schema: z.looseObject({ title: z.string().optional(), links }) },
    },
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/api',
    operationId: 'ogcApiDefinition',
    summary: 'The API definition of the /ogc part in OpenAPI 3.0 (the oas30 class); the whole API is /openapi.json',
    access: PUBLIC,
    responses: {
      200: {
        description: 'An OpenAPI 3.0.3 document',
        contentType: 'application/vnd.oai.openapi+json;version=3.0',
        schema: z.looseObject({ openapi: z.string().regex(/^3\.0\./), paths: z.record(z.string(), z.unknown()) }),
      },
    },
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/conformance',
    operationId: 'ogcConformance',
    summary: 'The conformance classes implemented',
    access: PUBLIC,
    responses: { 200: { description: 'confClasses.yaml', schema: z.object({ conformsTo: z.array(z.string()) }) } },
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/processes',
    operationId: 'ogcListProcesses',
    summary: 'The processes (the service catalogue), `limit` at a time with a next link',
    access: bearer([]),
    params: { query: listProcessesQuery },
    responses: {
      200: { description: 'processList.yaml', schema: z.looseObject({ processes: z.array(processSummary), links }) },
    },
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/processes/{processId}',
    operationId: 'ogcGetProcess',
    summary: 'A process description: inputs (JSON Schema) and outputs',
    access: bearer([]),
    params: { path: processIdPath },
    responses: {
      200: {
        description: 'process.yaml',
        schema: processSummary.extend({ inputs: z.record(z.string(), z.unknown()), outputs: z.record(z.string(), z.unknown()) }),
      },
    },
    errors: [404],
  },
  {
    ...ops,
    method: 'post',
    path: '/ogc/processes/{processId}/execution',
    operationId: 'ogcExecute',
    summary: 'Execute a process: a job (201, asynchronous), or with `Prefer: wait` a small clip answered at once',
    description:
      "The inputs are the process's parameters (its description's `inputs`). Asynchronous by default: 201 with the job's statusInfo and `Location`; `Prefer: wait` for a small get_product clip answers the results (200) when they are ready in time. The scopes are the service's own, or `admin`.",
    access: bearer([]),
    params: {
      path: processIdPath,
      header: z.object({
        prefer: z.string().optional().meta({ description: '`respond-async` (default) or `wait[=seconds]`' }),
        'idempotency-key': z.string().max(256).optional(),
      }),
    },
    body: {
      schema: executeRequest,
      examples: {
        bbox: {
          summary: 'Raster for a bbox (CRS84)',
          value: { inputs: { product: 'Raster', aoi: { bbox: [16.3, 48.15, 16.44, 48.23] } } },
        },
      },
    },
    responses: {
      200: {
        description: 'Prefer: wait, finished in time: the results document (or the package, for `response: raw`)',
        schema: resultsDocument,
        also: { 'application/zip': binary },
        headers: { 'preference-applied': 'wait[=seconds]' },
      },
      201: {
        description: 'The job was created',
        schema: statusInfo,
        headers: { location: 'The job URL', 'preference-applied': 'respond-async when asked' },
      },
    },
    errors: [403, 404, 409, 410, 422, 429],
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/jobs',
    operationId: 'ogcListJobs',
    summary: "The caller's jobs (= orders), newest first, filtered, with next/prev links",
    access: bearer(STATUS_SCOPES),
    params: { query: listJobsQuery },
    responses: { 200: { description: 'jobList.yaml', schema: z.looseObject({ jobs: z.array(statusInfo), links }) } },
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/jobs/{jobId}',
    operationId: 'ogcGetJob',
    summary: "A job's statusInfo (the same order as /v1/services/order_status/{id})",
    access: bearer(STATUS_SCOPES),
    params: { path: jobIdPath },
    responses: { 200: { description: 'statusInfo.yaml', schema: statusInfo } },
    errors: [404],
  },
  {
    ...ops,
    method: 'delete',
    path: '/ogc/jobs/{jobId}',
    operationId: 'ogcDismissJob',
    summary: 'Dismiss a job: one in progress is stopped, a finished one leaves the job list',
    access: bearer(STATUS_SCOPES),
    params: { path: jobIdPath },
    responses: { 200: { description: 'The statusInfo, dismissed', schema: statusInfo } },
    errors: [404, 409],
  },
  {
    ...ops,
    method: 'get',
    path: '/ogc/jobs/{jobId}/results',
    operationId: 'ogcJobResults',
    summary: "A job's results: the package by reference, or the package itself for `raw` jobs",
    access: bearer(STATUS_SCOPES),
    params: { path: jobIdPath },
    responses: {
      200: {
        description: 'results.yaml (or, for `raw`, the package)',
        schema: resultsDocument,
        also: { 'application/zip': binary },
      },
      206: { description: '`raw`: the requested range of the package', schema: binary, contentType: 'application/zip' },
      302: { description: '`raw`, packages in an S3 bucket: a presigned URL', headers: { location: 'The presigned URL' } },
      304: { description: '`raw`: not modified' },
      416: { description: '`raw`: the range is outside the package' },
    },
    errors: [404, 410, 422],
  },
]);
