/**
 * One operation of the public HTTP interface, described once, next to the others of its domain
 * (server/openapi/operations/<domain>.ts): method and path as in OpenAPI (`/v1/rois/{roi_id}`, the route file
 * `app/v1/rois/[roi_id]/route.ts`), who may call it, and the zod schemas the handler validates with (the same
 * values, imported from server/**), plus zod schemas of what it answers. document.ts turns the list into the
 * OpenAPI 3.1 document; openapi.test.ts checks that every exported method of every route file has exactly one.
 *
 *   defineOperations([{ method: 'get', path: '/v1/rois/{roi_id}', operationId: 'getRoi', summary: '…', tags: ['ROIs'],
 *     access: bearer(ROI_SCOPES), params: { path: z.object({ roi_id: roiId }) },
 *     responses: { 200: { description: 'The ROI', schema: roiView } }, errors: [404] }])
 *
 * Problem responses (problem+json) follow from `access` and the inputs (see `implicitErrors`): list in `errors`
 * only the statuses the operation adds (404, 409, 422…).
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';

export type Access =
  /** A bearer access token (our JWT, or a trusted issuer's) with any one of `scopes` (none listed: any valid token). */
  | { kind: 'bearer'; scopes: readonly string[] }
  /** The OAuth endpoints: the caller authenticates as a client (HTTP Basic, form fields or a client assertion). */
  | { kind: 'client' }
  /** No authentication. */
  | { kind: 'public' };

export const bearer = (scopes: readonly string[]): Access => ({ kind: 'bearer', scopes });
export const PUBLIC: Access = { kind: 'public' };
export const OAUTH_CLIENT: Access = { kind: 'client' };

type Example = { summary?: string; description?: string; value: unknown };

export type ResponseSpec = {
  description: string;
  /** The body's schema; none for an empty body (204, a HEAD). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  /** Other media types the same status may answer with, and their schemas (e.g. a package instead of a document). */
  also?: Record<string, z.ZodType>;
  /** Response headers worth naming (Location, Idempotent-Replayed…): name → description. */
  headers?: Record<string, string>;
  examples?: Record<string, Example>;
};

export type OperationSpec = {
  method: HttpMethod;
  /** OpenAPI path template; `{name}` is the route folder `[name]`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  params?: { path?: z.ZodObject; query?: z.ZodObject; header?: z.ZodObject };
  body?: {
    schema: z.ZodType;
    /** Default `application/json`. */
    contentType?: string;
    required?: boolean;
    description?: string;
    examples?: Record<string, Example>;
  };
  /** The answers by status; problem responses come from `errors` and `implicitErrors`. */
  responses: Record<number, ResponseSpec>;
  /** Problem statuses beyond the implicit ones (400 for inputs, 401/403 for bearer, 413/415 for JSON bodies, 500, 503). */
  errors?: readonly number[];
  /** The reference system's operation ids this one serves (docs/legacy-api.md): `A6`, `M1`… */
  legacy?: readonly string[];
  deprecated?: boolean;
};

export const defineOperations = (ops: OperationSpec[]): readonly OperationSpec[] =>
  Object.freeze(ops.map((o) => Object.freeze(o)));

/** The problem statuses an operation can answer because of how it is reached, whatever it does. */
export function implicitErrors(op: OperationSpec): number[] {
  const out = new Set<number>([500, 503]);
  const hasInput = !!(op.body || op.params?.query || op.params?.path);
  if (hasInput) out.add(400);
  if (op.access.kind === 'bearer') {
    out.add(401);
    if (op.access.scopes.length) out.add(403);
  }
  if (op.body) {
    out.add(413);
    out.add(415);
  }
  // withApiClient checks every path parameter and query string (NUL, bad escapes: 400), whatever the route reads.
  if (op.access.kind === 'bearer') out.add(400);
  return [...out];
}
