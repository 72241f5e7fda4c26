/**
 * M11 and `POST /v1/services` (admin): a new service that runs an Airflow DAG, with its parameters as a JSON Schema.
 * A name the code defines, or an installed service's, is a 409; a deleted administrator's service of that name is
 * replaced (its orders keep pointing at it). The connection must be configured, the scopes known; audited.
 */
import { eq } from 'drizzle-orm';
import { services } from '~/db/schema';
import { auditActor, type Actor } from '../clients/audit-actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { serviceDefinition } from './catalogue';
import type { CreateServiceBody } from './service-admin-body';
import { assertConnectionConfigured, ensureScopes, storedParameterSchema, type ServiceAdminDeps } from './service-admin-checks';
import { toServiceView, type ServiceView } from './service-view';

export async function createService(deps: ServiceAdminDeps, actor: Actor, body: CreateServiceBody): Promise<ServiceView> {
  if (serviceDefinition(body.name)) {
    throw new AppError(
      'CONFLICT',
      `name: ${body.name} is a service defined in code; change it with PATCH /v1/services/${body.name}`,
      {
        reason: 'SERVICE_EXISTS',
      },
    );
  }
  const parameterSchema = storedParameterSchema(body.parameters, body.unit);
  await assertConnectionConfigured(deps, body.airflow_connection);
  const title = body.title ?? body.name;
  const values = {
    name: body.name,
    title,
    description: body.description,
    engine: 'airflow' as const,
    dagId: body.dag_id,
    dagVersion: 1,
    parameterSchema,
    scopes: body.scopes,
    visible: body.visible,
    unitKind: body.unit,
    airflowConnection: body.airflow_connection,
    origin: 'admin' as const,
    adminSet: [],
    owner: body.legacy?.owner ?? null,
    valid: body.legacy?.valid ?? true,
    external: body.legacy?.external ?? null,
    deletedAt: null,
  };
  const exists = () => new AppError('CONFLICT', `name: there is already a service ${body.name}`, { reason: 'SERVICE_EXISTS' });
  const created = deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: services.id, deletedAt: services.deletedAt, origin: services.origin })
      .from(services)
      .where(eq(services.name, body.name))
      .for('update');
    if (existing && (existing.deletedAt === null || existing.origin !== 'admin')) throw exists();
    await ensureScopes(tx, { name: body.name, title }, body.scopes);
    const [row] = existing
      ? await tx
          .update(services)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(services.id, existing.id))
          .returning()
      : await tx.insert(services).values(values).returning();
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'service.created',
      targetType: 'service',
      targetId: row!.name,
      details: { dag_id: row!.dagId, airflow_connection: row!.airflowConnection, scopes: row!.scopes, unit: row!.unitKind },
    });
    return toServiceView(row!, { admin: true });
  });
  // The same new name created twice at once: the loser breaks the unique index.
  return created.catch((e: unknown) => {
    throw /services_name_unique/.test(String((e as { cause?: unknown }).cause ?? e)) ? exists() : e;
  });
}
