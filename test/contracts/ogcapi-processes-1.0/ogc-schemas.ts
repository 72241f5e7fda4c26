/**
 * The schemas of OGC API – Processes 1.0 (schemas/, copied unmodified) compiled with ajv: `validateOgc(name, body)`
 * throws when `body` does not match `schemas/<name>.yaml` (formats checked: date-time, uri, …). OpenAPI 3.0's
 * spellings are read as JSON Schema when loaded: a boolean `exclusiveMinimum`/`exclusiveMaximum` beside
 * `minimum`/`maximum` becomes the numeric form, `nullable` a `null` type; keywords like `example` are annotations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const DIR = path.resolve(import.meta.dirname, 'schemas');
const ID = 'https://schemas.test/ogcapi-processes-1.0/';

export type OgcSchema =
  | 'landingPage'
  | 'confClasses'
  | 'processList'
  | 'process'
  | 'statusInfo'
  | 'jobList'
  | 'results'
  | 'exception'
  | 'execute';

function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, asJsonSchema(v)])) as Record<string, unknown>;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (typeof out.nullable === 'boolean') {
    const nullable = out.nullable;
    delete out.nullable;
    if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  return out;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function load(): Ajv {
  if (ajv) return ajv;
  ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
    const schema = asJsonSchema(parse(readFileSync(path.join(DIR, file), 'utf8'))) as Record<string, unknown>;
    // The 1.0 bundle's subscriber.yaml requires `successUrl`, a property it does not define (ogcapi-processes#460).
    if (file === 'subscriber.yaml') delete schema.required;
    ajv.addSchema({ ...schema, $id: `${ID}${file}` });
  }
  return ajv;
}

/** Throws when `body` does not match the standard's schema `name`. */
export function validateOgc(name: OgcSchema, body: unknown): void {
  const a = load();
  let fn = compiled.get(name);
  if (!fn) compiled.set(name, (fn = a.getSchema(`${ID}${name}.yaml`)!));
  if (!fn(body)) throw new Error(`not a valid OGC ${name}: ${a.errorsText(fn.errors)}\n${JSON.stringify(body).slice(0, 2000)}`);
}
