/**
 * The official Airflow REST API specifications (test/contracts/airflow/), compiled with ajv: `validateResponse` checks a
 * body against the schema the spec declares for that operation and status, `validateRequest` a request body. A
 * status the spec does not declare for the operation is itself a mismatch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

export type ApiVersion = 'v1' | 'v2';
type Spec = { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };
type Operation = {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
  requestBody?: { content?: Record<string, { schema: unknown }> };
};

const FILES: Record<ApiVersion, string> = { v1: 'v1.yaml', v2: 'v2-rest-api-generated.yaml' };
export const specFile = (v: ApiVersion) => path.resolve(import.meta.dirname, 'contracts/airflow', FILES[v]);
/** The prefix of the spec's paths: v1's servers say /api/v1, v2's paths carry /api/v2 themselves. */
export const specPathOf = (v: ApiVersion, template: string) => (v === 'v1' ? template : `/api/v2${template}`);

/** OpenAPI 3.0's `nullable` as JSON Schema (3.1 and ajv's default): `type: [t, 'null']`, or anyOf with null. */
function denullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(denullable);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node).map(([k, x]) => [k, denullable(x)])) as Record<
    string,
    unknown
  >;
  if (nullable !== true) return nullable === undefined ? rest : { ...rest, nullable };
  if (Array.isArray(rest.enum)) rest.enum = [...(rest.enum as unknown[]), null];
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}

const loaded = new Map<ApiVersion, { spec: Spec; ajv: Ajv; cache: Map<string, ValidateFunction> }>();
function load(v: ApiVersion) {
  let l = loaded.get(v);
  if (!l) {
    const spec = denullable(parse(readFileSync(specFile(v), 'utf8'))) as Spec;
    // OpenAPI keywords (nullable is ajv's own with `type`; readOnly, example, x-…) are annotations: strict off.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');
    l = { spec, ajv, cache: new Map() };
    loaded.set(v, l);
  }
  return l;
}

const rebase = (schema: unknown) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')) as object;

function compiled(v: ApiVersion, key: string, schema: unknown) {
  const l = load(v);
  let fn = l.cache.get(key);
  if (!fn) l.cache.set(key, (fn = l.ajv.compile(rebase(schema))));
  return fn;
}

function operation(v: ApiVersion, method: string, template: string): Operation {
  const op = load(v).spec.paths[specPathOf(v, template)]?.[method.toLowerCase()];
  if (!op) throw new Error(`Airflow ${v} spec has no ${method} ${template}`);
  return op;
}

/** Throws when the body does not match what the spec declares for (method, path template, status). */
export function validateResponse(v: ApiVersion, method: string, template: string, status: number, body: unknown) {
  const l = load(v);
  let r = operation(v, method, template).responses[String(status)];
  if (!r) throw new Error(`Airflow ${v} spec: ${method} ${template} never answers ${status}`);
  if (r.$ref) r = l.spec.components.responses![r.$ref.split('/').pop()!] as typeof r;
  const schema = r.content?.['application/json']?.schema;
  if (!schema) return;
  const fn = compiled(v, `res ${method} ${template} ${status}`, schema);
  if (!fn(body)) throw new Error(`Airflow ${v} ${method} ${template} ${status}: ${l.ajv.errorsText(fn.errors)}`);
}

/** Throws when a request body does not match the spec's request schema. */
export function validateRequest(v: ApiVersion, method: string, template: string, body: unknown) {
  const schema = operation(v, method, template).requestBody?.content?.['application/json']?.schema;
  if (!schema) return;
  const fn = compiled(v, `req ${method} ${template}`, schema);
  if (!fn(body)) throw new Error(`Airflow ${v} request ${method} ${template}: ${load(v).ajv.errorsText(fn.errors)}`);
}
