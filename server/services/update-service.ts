/**
 * `PATCH /v1/services/{name}` (admin): change what an administrator may change about a service.
 * - Code-defined embedded services: `visible` only. Code-defined Airflow services: `description`, `dag_id`,
 *   `airflow_connection`, `scopes`, `visible`; the seed keeps these across releases (`admin_set`), and `null` puts one
 *   back to the code's value. Services an administrator added: every field, parameters and unit included.
 * - Anything else is refused naming the field, and nothing changes. Audited with each field's old and new value.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { services, type Service } from '~/db/schema';
import { auditActor, type Actor } from '../clients/audit-actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { serviceDefinition } from './catalogue';
import type { ServiceDefinition } from './define-service';
import type { UpdateServiceBody } from './service-admin-body';
import { assertConnectionConfigured, ensureScopes, storedParameterSchema, type ServiceAdminDeps } from './service-admin-checks';
import { toServiceView, type ServiceView } from './service-view';

/** Body field → column, for the fields a code-defined Airflow service lets an administrator set. */
const SETTABLE = {
  description: 'description',
  dag_id: 'dagId',
  airflow_connection: 'airflowConnection',
  scopes: 'scopes',
  visible: 'visible',
} as const satisfies Record<string, keyof Service>;
type Settable = keyof typeof SETTABLE;

const codeValue = (code: ServiceDefinition, field: Settable): unknown =>
  ({
    description: code.description,
    dag_id: code.engine.dagId,
    airflow_connection: code.engine.kind === 'airflow' ? (code.engine.connection ?? null) : null,
    scopes: code.scopes,
    visible: code.visible,
  })[field];

export async function updateService(
  deps: ServiceAdminDeps,
  actor: Actor,
  name: string,
  body: UpdateServiceBody,
): Promise<ServiceView> {
  const [row] = await deps.db
    .select()
    .from(services)
    .where(and(eq(services.name, name), isNull(services.deletedAt)));
  if (!row) throw new AppError('NOT_FOUND', `service: there is no service ${name}`, { reason: 'UNKNOWN_SERVICE' });
  const code = row.origin === 'code' ? serviceDefinition(name) : undefined;
  const fields = Object.keys(body) as (keyof UpdateServiceBody)[];
  const set: Partial<Service> = {};
  const adminSet = new Set(row.adminSet);

  if (code) {
    const allowed: string[] = code.engine.kind === 'embedded' ? ['visible'] : Object.keys(SETTABLE);
    const refused = fields.find((f) => !allowed.includes(f));
    if (refused) {
      throw new AppError(
        'VALIDATION',
        `${refused}: ${name} is ${code.engine.kind === 'embedded' ? 'an embedded' : 'an Airflow'} service defined in code; an administrator may change only ${allowed.join(', ')}`,
        { reason: 'DEFINED_IN_CODE' },
      );
    }
    for (const f of fields as Settable[]) {
      const value = body[f] === null ? codeValue(code, f) : body[f];
      Object.assign(set, { [SETTABLE[f]]: value });
      if (body[f] === null) adminSet.delete(f);
      else adminSet.add(f);
    }
    set.adminSet = [...adminSet].sort();
  } else {
    const reset = fields.find((f) => body[f] === null);
    if (reset) {
      throw new AppError(
        'VALIDATION',
        `${reset}: null puts a code-defined service's field back; ${name} was added by an administrator`,
      );
    }
    const b = body as { [K in keyof UpdateServiceBody]: Exclude<UpdateServiceBody[K], null> };
    if (b.title !== undefined) set.title = b.title;
    for (const f of Object.keys(SETTABLE) as Settable[]) if (b[f] !== undefined) Object.assign(set, { [SETTABLE[f]]: b[f] });
    if (b.unit !== undefined) set.unitKind = b.unit;
    if (b.parameters !== undefined || b.unit !== undefined) {
      set.parameterSchema = storedParameterSchema(b.parameters ?? row.parameterSchema, b.unit ?? row.unitKind);
    }
  }
  if (set.airflowConnection) await assertConnectionConfigured(deps, set.airflowConnection);

  return deps.db.transaction(async (tx) => {
    if (set.scopes) await ensureScopes(tx, { name, title: set.title ?? row.title }, set.scopes);
    const [updated] = await tx
      .update(services)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(services.id, row.id))
      .returning();
    const changes = Object.fromEntries(
      fields.map((f) => {
        const column = f === 'unit' ? 'unitKind' : f === 'parameters' ? 'parameterSchema' : (SETTABLE[f as Settable] ?? f);
        const from = row[column as keyof Service];
        const to = updated![column as keyof Service];
        return [f, column === 'parameterSchema' ? { changed: JSON.stringify(from) !== JSON.stringify(to) } : { from, to }];
      }),
    );
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'service.updated',
      targetType: 'service',
      targetId: name,
      details: changes,
    });
    return toServiceView(updated!, { admin: true });
  });
}
