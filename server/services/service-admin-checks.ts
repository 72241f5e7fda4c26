/**
 * Checks shared by the catalogue's admin writes (create-service.ts, update-service.ts): the Airflow connection is
 * configured, the scopes exist (or are the service's own, created with it), and a parameter schema compiles, with
 * the unit field added that one order per unit needs.
 */
import type { DbOrTx } from '~/db/client';
import { scopes as scopesTable } from '~/db/schema';
import type { EnvConnections } from '../airflow/resolve-connection';
import { isAirflowConnectionConfigured } from '../airflow/connection-ready';
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import { assertScopesExist } from '../clients/assert-scopes-exist';
import type { UnitKind } from './define-service';
import { UNIT_FIELDS } from './effective-service';
import { compileParameterSchema } from './json-schema-params';

export type ServiceAdminDeps = { db: Database; envConnections: EnvConnections };

export async function assertConnectionConfigured(deps: ServiceAdminDeps, name: string): Promise<void> {
  if (await isAirflowConnectionConfigured(deps, name)) return;
  throw new AppError(
    'UNPROCESSABLE',
    `airflow_connection: no Airflow connection "${name}" is configured; add it first (PUT /v1/config/airflow_connections/${name})`,
    { reason: 'UNKNOWN_CONNECTION' },
  );
}

/** Unknown scopes are refused, except the service's own name, which is created (in `tx`) with its description. */
export async function ensureScopes(tx: DbOrTx, service: { name: string; title: string }, names: string[]): Promise<void> {
  await assertScopesExist(
    tx,
    names.filter((n) => n !== service.name),
    { field: 'scopes', hint: `use existing scopes, or the service's own name "${service.name}", which is created with it` },
  );
  if (names.includes(service.name)) {
    await tx
      .insert(scopesTable)
      .values({ name: service.name, description: `Run the ${service.title} service` })
      .onConflictDoNothing();
  }
}

/**
 * The schema as stored: compiled (refused naming `parameters` when ajv cannot), with the unit field required when
 * one order runs per unit (a string; a list of units is split into one order each before validation).
 */
export function storedParameterSchema(schema: Record<string, unknown>, unit: UnitKind): Record<string, unknown> {
  compileParameterSchema(schema);
  if (unit === 'none') return schema;
  const field = UNIT_FIELDS[unit];
  const properties = { ...((schema.properties as Record<string, unknown> | undefined) ?? {}) };
  properties[field] ??= {
    type: 'string',
    description: unit === 'production_unit' ? 'The production unit, e.g. 10kmE480N280' : 'The sub-production unit',
  };
  const required = [...new Set([...((schema.required as string[] | undefined) ?? []), field])];
  const out = { ...schema, properties, required };
  compileParameterSchema(out);
  return out;
}
