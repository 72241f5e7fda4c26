/**
 * The catalogue's JSON Schemas match what the API accepts: every service's schema compiles with ajv (draft 2020-12,
 * strict mode, formats from ajv-formats); the example bodies of examples.ts — required for every service started
 * through `POST /v1/services/{service}` — validate with ajv and parse with the service's zod schema, the invalid ones
 * are refused by zod with an issue naming the field and by ajv too, except for the rules listed in ZOD_ONLY; and the
 * schema the seed stores in `services.parameter_schema` is exactly parameterSchemaOf (it cannot drift).
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { CATALOGUE } from './catalogue';
import { SERVICE_EXAMPLES } from './examples';
import { parameterSchemaOf } from './parameter-schema';

/**
 * Invalid examples that only the zod schema refuses, by case (examples.ts), and why JSON Schema cannot say it. The
 * list is exact: ajv must accept these (so a rule that becomes expressible is moved out) and refuse every other case.
 */
const ZOD_ONLY: Record<string, string> = {
  'dates out of order': 'start_date ≤ end_date compares two fields; JSON Schema has no comparison between values',
  'not a calendar date': 'the pattern checks YYYY-MM-DD; that the day exists (no 30 February) is a zod refine',
  'data_filter not JSON':
    'a JSON text is `{type: string, contentMediaType: application/json}`: contentMediaType is an annotation in 2020-12, not asserted',
  'end date not a calendar date': 'the same for end_date: month 13 matches the pattern',
  'rule_set not JSON': 'the same: a JSON text is only annotated as such',
  'data_filter_s1 not JSON': 'the same: a JSON text is only annotated as such',
  'unknown method in the words':
    'the reference’s space-separated form is a string split by a transform; its words are checked after it (the schema is the input side)',
  'raster value over 255': 'the same: "1 300" is checked as numbers after the split',
  'fewer names than values': 'as many col_names as reported values (method_params, else 11) counts across two fields',
  'bucket_path climbing out': 'no `..` segment is a zod refine beside the pattern; refines have no JSON Schema form',
  'year before 2000 (number or text)':
    'reference_year is "2021" or 2021; its range is checked after the transform to a number (the input side has none)',
};

/** Services started through the generic trigger route (the product services have their own routes and bodies). */
const STARTED = CATALOGUE.filter((s) => !s.route);

// strict: unknown keywords, ignored defaults and ambiguous types are errors. No relaxation was needed: zod's draft
// 2020-12 output uses only known keywords (contentMediaType and default are annotations ajv knows).
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

/** An ajv error concerns `field`: at or below it, or a required/additional property of that name. */
const ajvNames = (errors: ErrorObject[] | null | undefined, field: string) =>
  (errors ?? []).some(
    (e) =>
      e.instancePath === `/${field}` ||
      e.instancePath.startsWith(`/${field}/`) ||
      (e.keyword === 'required' && (e.params as { missingProperty: string }).missingProperty === field) ||
      (e.keyword === 'additionalProperties' && (e.params as { additionalProperty: string }).additionalProperty === field),
  );

describe('the catalogue’s examples', () => {
  it('every service started through POST /v1/services/{service} has valid and invalid examples', () => {
    const missing = STARTED.filter((s) => !SERVICE_EXAMPLES[s.name]?.valid.length || !SERVICE_EXAMPLES[s.name]?.invalid.length);
    expect(missing.map((s) => s.name)).toEqual([]);
  });

  it('examples name only services of the catalogue', () => {
    const names = new Set(STARTED.map((s) => s.name));
    expect(Object.keys(SERVICE_EXAMPLES).filter((n) => !names.has(n))).toEqual([]);
  });

  it('every documented zod-only rule is used by an example', () => {
    const cases = new Set(Object.values(SERVICE_EXAMPLES).flatMap((e) => e.invalid.map((i) => i.case)));
    expect(Object.keys(ZOD_ONLY).filter((c) => !cases.has(c))).toEqual([]);
  });
});

describe.each(CATALOGUE.map((s) => [s.name, s] as const))('%s', (name, svc) => {
  const schema = parameterSchemaOf(svc);
  const examples = SERVICE_EXAMPLES[name];

  it('its JSON Schema compiles with ajv (strict)', () => {
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it.runIf(examples)('carries the valid examples as `examples`', () => {
    expect(schema.examples).toEqual(examples!.valid);
  });

  it.runIf(examples)('every valid example validates with ajv and parses with zod', () => {
    const validate = ajv.compile(schema);
    for (const body of examples!.valid) {
      expect(validate(body), `${JSON.stringify(body)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const parsed = svc.params.safeParse(body);
      expect(parsed.success, `${JSON.stringify(body)}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it.runIf(examples)('every invalid example is refused by zod naming its field, and by ajv unless zod-only', () => {
    const validate = ajv.compile(schema);
    for (const ex of examples!.invalid) {
      const what = `${ex.case} (${ex.field})`;
      const parsed = svc.params.safeParse(ex.body);
      expect(parsed.success, `zod accepted: ${what}`).toBe(false);
      const named = parsed.error!.issues.some(
        (i) => i.path[0] === ex.field || (i.code === 'unrecognized_keys' && i.keys.includes(ex.field)),
      );
      expect(named, `zod does not name ${ex.field} for ${what}: ${JSON.stringify(parsed.error!.issues)}`).toBe(true);

      const ajvOk = validate(ex.body);
      if (ex.case in ZOD_ONLY) {
        expect(ajvOk, `ajv now refuses ${what}: take it out of ZOD_ONLY`).toBe(true);
      } else {
        expect(ajvOk, `ajv accepted ${what}`).toBe(false);
        expect(ajvNames(validate.errors, ex.field), `ajv does not name ${ex.field}: ${ajv.errorsText(validate.errors)}`).toBe(
          true,
        );
      }
    }
  });
});

describe('the seed', () => {
  const t = useTestDatabase();
  beforeAll(() => seedDatabase(t.db, { adminEmail: 'a@example.org' }));

  it('stores parameterSchemaOf of every catalogue service in services.parameter_schema', async () => {
    const rows = await t.db.select({ name: services.name, schema: services.parameterSchema }).from(services);
    const stored = new Map(rows.map((r) => [r.name, r.schema]));
    for (const svc of CATALOGUE) {
      expect(stored.has(svc.name), svc.name).toBe(true);
      expect(stored.get(svc.name), svc.name).toEqual(parameterSchemaOf(svc));
    }
  });
});
