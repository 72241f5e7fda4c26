/**
 * A service's parameters as JSON Schema (draft 2020-12), derived from its zod schema: what clients may send (the
 * input side of transforms and defaults), with the service's valid example bodies (examples.ts) as `examples`. Stored
 * in `services.parameter_schema`; the console's start form and the OGC process descriptions read it.
 * parameter-schema.test.ts compiles every one with ajv and checks the examples against it and the zod schema.
 */
import { z } from 'zod';
import type { ServiceDefinition } from './define-service';
import { validExamplesOf } from './examples';

export function parameterSchemaOf(
  svc: Pick<ServiceDefinition, 'name' | 'params' | 'title' | 'description'>,
): Record<string, unknown> {
  const schema = z.toJSONSchema(svc.params, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const examples = validExamplesOf(svc.name);
  return {
    ...schema,
    title: svc.title,
    description: svc.description,
    ...(examples.length ? { examples: structuredClone(examples) } : {}),
  };
}
