/**
 * What a service is now: its `services` row merged with its code definition. The row holds what an administrator may
 * change (scopes, visibility, description; for Airflow services the DAG and connection), so the row wins for those;
 * the code keeps the parameters, unit fields and input-file rules. A service an administrator added has no code: its
 * parameters are the row's JSON Schema (json-schema-params.ts), its unit field the usual one for its unit kind.
 */
import type { Service } from '~/db/schema';
import { serviceDefinition } from './catalogue';
import type { ServiceDefinition, UnitKind } from './define-service';
import { jsonSchemaParams } from './json-schema-params';

/** The parameter naming the unit of one order, as the reference's services call it. */
export const UNIT_FIELDS: Record<Exclude<UnitKind, 'none'>, string> = {
  production_unit: 'processing_unit_name',
  sub_production_unit: 'subproduction_unit_name',
};

export function effectiveService(row: Service): ServiceDefinition | undefined {
  const code = row.origin === 'code' ? serviceDefinition(row.name) : undefined;
  const airflow = { kind: 'airflow' as const, dagId: row.dagId, connection: row.airflowConnection ?? undefined };
  if (code) {
    return {
      ...code,
      description: row.description,
      scopes: row.scopes,
      visible: row.visible,
      engine: code.engine.kind === 'airflow' ? airflow : code.engine,
    };
  }
  if (row.origin !== 'admin' || row.engine !== 'airflow') return undefined; // a code service this release no longer has
  return {
    name: row.name,
    title: row.title,
    description: row.description,
    version: row.dagVersion,
    engine: airflow,
    params: jsonSchemaParams(row.parameterSchema),
    scopes: row.scopes,
    unit: row.unitKind,
    ...(row.unitKind === 'none' ? {} : { unitField: UNIT_FIELDS[row.unitKind] }),
    visible: row.visible,
  };
}
