/**
 * The parameters of a service an administrator added: a JSON Schema (draft 2020-12) stored with the service, checked
 * by ajv (the reference implementation of JSON Schema, strict mode, formats from ajv-formats), wrapped as a zod
 * schema so that start-service.ts validates them like a code-defined service's and names the field in its messages.
 * `compileParameterSchema` is also the check at creation: a schema ajv cannot compile is refused, naming the keyword.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { AppError } from '../errors';

// One ajv instance per schema: an administrator's `$id` cannot clash with another's, and a replaced schema is freed.
const newAjv = () => addFormats(new Ajv2020({ strict: true, allErrors: true }));

/** Compiled schemas by their text (a service's schema changes only through PATCH). Bounded. */
const compiled = new Map<string, ValidateFunction>();
const COMPILED_MAX = 500;

/** The ajv validator of a parameter schema, or AppError VALIDATION at `field` saying what is wrong with the schema. */
export function compileParameterSchema(schema: Record<string, unknown>, field = 'parameters'): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  if (schema.type !== 'object') {
    throw new AppError('VALIDATION', `${field}: a JSON Schema of an object ({"type": "object", "properties": {…}})`);
  }
  let validate: ValidateFunction;
  try {
    validate = newAjv().compile(schema);
  } catch (e) {
    throw new AppError('VALIDATION', `${field}: not a valid JSON Schema (draft 2020-12): ${(e as Error).message}`);
  }
  if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, validate);
  return validate;
}

/** `/a/0/b` → ['a', 0, 'b'], with a required or unknown property named at its own path. */
function pathOf(e: ErrorObject): (string | number)[] {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const p = e.params as { missingProperty?: string; additionalProperty?: string };
  if (e.keyword === 'required' && p.missingProperty) return [...path, p.missingProperty];
  if (e.keyword === 'additionalProperties' && p.additionalProperty) return [...path, p.additionalProperty];
  return path;
}

function messageOf(e: ErrorObject): string {
  if (e.keyword === 'required') return 'required';
  if (e.keyword === 'additionalProperties') return 'not a parameter of this service';
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  return allowed ? `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : (e.message ?? e.keyword);
}

/** A zod schema that accepts what the JSON Schema accepts, with one issue per ajv error. */
export function jsonSchemaParams(schema: Record<string, unknown>): z.ZodType<Record<string, unknown>> {
  const validate = compileParameterSchema(schema);
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    if (validate(value)) return;
    for (const e of validate.errors ?? []) ctx.addIssue({ code: 'custom', path: pathOf(e), message: messageOf(e) });
  });
}
