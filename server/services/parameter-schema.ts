/**
 * A service's parameters as JSON Schema (draft 2020-12), derived from its zod schema: what clients may send (the
 * input side of transforms and defaults). Stored in `services.parameter_schema`; the console's start form and the OGC
 * process descriptions read it.
 */
import { z } from 'zod';
import type { ServiceDefinition } from './define-service';

export function parameterSchemaOf(svc: Pick<ServiceDefinition, 'params' | 'title' | 'description'>): Record<string, unknown> {
  const schema = z.toJSONSchema(svc.params, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return { ...schema, title: svc.title, description: svc.description };
}
