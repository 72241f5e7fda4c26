/**
 * The bodies of the catalogue's admin writes (reference M11–M14): a new Airflow-backed service
 * (`POST /v1/services`, or the reference's `POST /v1/crm/services/create`) and a change to one
 * (`PATCH /v1/services/{name}`; `null` puts a code-defined service's field back to the code's value).
 */
import { z } from 'zod';
import { airflowConnectionName } from '../airflow/schemas';

export const serviceName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{2,63}$/, 'a service name: a lower-case letter, then 2–63 lower-case letters, digits or _');
/** Airflow's own rule for a dag_id (KEY_REGEX in airflow/utils/helpers.py), at most 250 characters. */
export const dagId = z
  .string()
  .max(250)
  .regex(/^[A-Za-z0-9_.-]+$/, "an Airflow dag_id: letters, digits, '_', '.' or '-'");
const scopeName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a scope name (lower-case letters, digits, _)');
const scopeList = z
  .array(scopeName)
  .max(20)
  .refine((a) => new Set(a).size === a.length, 'each scope once');
const title = z.string().trim().min(1).max(256);
const description = z.string().max(4000);
/** A JSON Schema of an object, at most 64 KB as JSON; compiled by ajv before it is stored (json-schema-params.ts). */
const parameterSchema = z
  .record(z.string(), z.unknown())
  .refine((s) => JSON.stringify(s).length <= 65_536, 'at most 64 KB of JSON Schema');

export const createServiceBody = z
  .object({
    name: serviceName,
    title: title.optional(),
    description: description.default(''),
    dag_id: dagId,
    airflow_connection: airflowConnectionName.default('default'),
    /** Scopes that may start it besides `admin`: existing scopes, or the service's own name (created with it). */
    scopes: scopeList.default([]),
    visible: z.boolean().default(true),
    unit: z.enum(['none', 'production_unit', 'sub_production_unit']).default('none'),
    parameters: parameterSchema.default({ type: 'object' }),
  })
  .strict();
export type CreateServiceBody = z.infer<typeof createServiceBody> & {
  /** M11's fields (the reference's service object shows them back). */
  legacy?: { owner: string; valid: boolean; external: boolean };
};

/** The reference's M11 body. Its service has no DAG of its own there (C1 mapped it): here the DAG is named like it. */
export const legacyCreateServiceBody = z
  .object({
    service_name: serviceName,
    service_comment: description.optional(),
    service_validity: z.boolean(),
    service_owner_geoville: z.string().trim().min(1).max(256),
    external: z.boolean(),
  })
  .strict();

export const updateServiceBody = z
  .object({
    title: title.optional(),
    description: description.nullable().optional(),
    dag_id: dagId.nullable().optional(),
    airflow_connection: airflowConnectionName.nullable().optional(),
    scopes: scopeList.nullable().optional(),
    visible: z.boolean().nullable().optional(),
    unit: z.enum(['none', 'production_unit', 'sub_production_unit']).optional(),
    parameters: parameterSchema.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type UpdateServiceBody = z.infer<typeof updateServiceBody>;
