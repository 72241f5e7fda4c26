/**
 * A service's parameter schema (JSON Schema draft 2020-12, `services.parameter_schema`, derived from the zod schema
 * the API validates with) in the dialect OGC API – Processes 1.0 describes inputs with: the OpenAPI 3.0 Schema Object
 * (the standard's schema.yaml). The constraints stay; only their spelling changes:
 * - `const: x` → `enum: [x]`; `examples: [a, …]` → `example: a`;
 * - `type: [t, "null"]` → `type: t, nullable: true`;
 * - a numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` with the boolean flag;
 * - `$ref` into `$defs` (or an OpenAPI document's `components.schemas`) inlined; `prefixItems` → `items` (anyOf of the positions), bounded by minItems/maxItems;
 * - keywords OpenAPI 3.0 lacks (`$schema`, `$id`, `propertyNames`, …) left out.
 */
type Json = Record<string, unknown>;

const KEEP = new Set([
  'title',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'description',
  'format',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
]);
const SUB = new Set(['not', 'items', 'additionalProperties']);
const SUBS = new Set(['allOf', 'oneOf', 'anyOf']);
const TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

export function toOas30Schema(schema: unknown, root: Json = isObject(schema) ? schema : {}, depth = 0): Json {
  if (!isObject(schema) || depth > 32) return {};
  let s = schema;
  if (typeof s.$ref === 'string') {
    // Into the schema's own `$defs`, or, in an OpenAPI document given as `root`, its components.
    const m = /^#\/(\$defs|components\/schemas)\/(.+)$/.exec(s.$ref);
    const defs = m?.[1] === '$defs' ? root.$defs : (root.components as Json | undefined)?.schemas;
    const target = m ? (defs as Json | undefined)?.[m[2]!] : undefined;
    const { $ref: _ref, ...rest } = s;
    s = { ...(isObject(target) ? target : {}), ...rest };
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (KEEP.has(k)) out[k] = v;
    else if (SUB.has(k))
      out[k] = typeof v === 'boolean' ? (k === 'additionalProperties' ? v : {}) : toOas30Schema(v, root, depth + 1);
    else if (SUBS.has(k) && Array.isArray(v)) out[k] = v.map((x) => toOas30Schema(x, root, depth + 1));
    else if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, x]) => [p, toOas30Schema(x, root, depth + 1)]));
    }
  }
  if ('const' in s) out.enum = [s.const];
  if (Array.isArray(s.examples) && s.examples.length) out.example = s.examples[0];
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t): t is string => typeof t === 'string' && TYPES.has(t));
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.anyOf = types.map((t) => ({ type: t }));
    if (s.type.includes('null')) out.nullable = true;
  } else if (typeof s.type === 'string' && TYPES.has(s.type)) out.type = s.type;
  else if (s.type === 'null') out.nullable = true;
  for (const [ex, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof s[ex] === 'number') {
      out[bound] = s[ex];
      out[ex] = true;
    }
  }
  if (Array.isArray(s.prefixItems) && !('items' in out)) {
    const positions = s.prefixItems.map((x) => toOas30Schema(x, root, depth + 1));
    out.items = positions.length === 1 ? positions[0] : { anyOf: positions };
  }
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  if (Array.isArray(out.enum) && out.enum.length === 0) delete out.enum;
  if (out.nullable && !out.type && !out.anyOf && !out.oneOf && !out.allOf) delete out.nullable;
  return out;
}
