/**
 * Starting a production service (`POST /v1/services/{service}`): the request becomes one order per unit, or is
 * refused whole and changes nothing.
 * 1. The service is in the catalogue and installed (the `services` table, not deleted); the caller has `admin` or one
 *    of its scopes.
 * 2. The reference's body conventions: `service_name`, if sent, must be this service; `user_id`, if sent, must be the
 *    caller's own customer id (the owner always comes from the token); keys with stray whitespace (the reference's
 *    `subproduction_unit_name `) are read trimmed.
 * 3. The unit field may list several units (an array, or comma-separated as the reference console sent it): one
 *    order per unit. Every parameter is validated by the service's schema (messages name the field), every unit named
 *    must exist in the database.
 *    Input files must lie under SOURCE_ROOTS (source-path.ts); the path recorded is the one GDAL opens.
 * 4. The engine must be able to run it (check-engine.ts: 503 saying why).
 * 5. Idempotency-Key: the same key and request return the orders it created; another request with it is a 409.
 * 6. The orders are inserted together (open-order limit included) and dispatched (accept-orders.ts).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { orders, productionUnits, services, subProductionUnits, type OrderOgc } from '~/db/schema';
import type { Queues } from '~/server/queue/enqueue';
import type { Caller } from '../auth/verify-access-token';
import { requireScope } from '../auth/verify-access-token';
import { isOwnUserId } from '../clients/legacy-user-id';
import { AppError, describeZodIssues } from '../errors';
import {
  acceptedColumns,
  checkIdempotencyKey,
  dispatchOrder,
  insertOrders,
  isIdempotencyRace,
  sameRequest,
  type AcceptedOrder,
  type NewOrderItem,
} from '../orders/accept-orders';
import { effectiveService } from './effective-service';
import { checkEngine, type EngineCheckDeps } from './check-engine';
import type { ServiceDefinition } from './define-service';
import { resolveSource, type SourceRoot } from '../storage/source-path';
import { unitNames } from './params/fields';
import { readCallbackUrl } from '../notifications/webhook-url';

export type StartServiceDeps = EngineCheckDeps & { db: Database; queues: Queues; now?: () => Date };

export type StartedOrder = AcceptedOrder & { unit: string | null };

const bodyObject = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('VALIDATION', '(body): a JSON object');
  // Keys read trimmed (the reference's model has `subproduction_unit_name ` with a trailing space).
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!(k.trim() in out) || k === k.trim()) out[k.trim()] = v;
  return out;
};

/** The service as it is now (effective-service.ts), installed and not deleted, or 404. */
async function installedService(db: Database, name: string) {
  const [row] = await db
    .select()
    .from(services)
    .where(and(eq(services.name, name), isNull(services.deletedAt)));
  const def = row && effectiveService(row);
  if (!def) throw new AppError('NOT_FOUND', `service: there is no service "${name}"`, { reason: 'UNKNOWN_SERVICE' });
  return { def, id: row.id };
}

/** The ids of the named units, or a 400 naming the field and the unknown names. */
async function unitIds(
  db: Database,
  def: ServiceDefinition,
  field: string,
  names: string[],
  kind: 'production_unit' | 'sub_production_unit',
) {
  const table = kind === 'production_unit' ? productionUnits : subProductionUnits;
  const rows = await db.select({ id: table.id, code: table.code }).from(table).where(inArray(table.code, names));
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = names.filter((n) => !ids.has(n));
  if (unknown.length) {
    const what = kind === 'production_unit' ? 'production unit' : 'sub-production unit';
    throw new AppError(
      'VALIDATION',
      `${field}: unknown ${what}${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''} (${def.name} runs per ${what}, named like ${kind === 'production_unit' ? '10kmE480N280' : 'SPU_E477N279'})`,
      { reason: 'UNKNOWN_UNIT' },
    );
  }
  return ids;
}

export async function startService(
  deps: StartServiceDeps,
  cfg: { maxOpenPerClient: number; sourceRoots?: SourceRoot[] },
  input: { service: string; caller: Caller; body: unknown; idempotencyKey?: string; ogc?: OrderOgc },
): Promise<{ orders: StartedOrder[]; created: boolean }> {
  const { db } = deps;
  const { caller } = input;
  checkIdempotencyKey(input.idempotencyKey);
  const { def, id: serviceId } = await installedService(db, input.service);
  if (def.route) {
    throw new AppError('NOT_FOUND', `service: ${def.name} is ordered with POST ${def.route}`, { reason: 'PRODUCT_SERVICE' });
  }
  requireScope(caller, ['admin', ...def.scopes]);

  // 2. The reference's conventions.
  const { service_name: serviceName, user_id: userId, callback_url: callback, ...body } = bodyObject(input.body);
  const callbackUrl = readCallbackUrl(callback);
  if (serviceName !== undefined && serviceName !== def.name) {
    throw new AppError('VALIDATION', `service_name: this is the ${def.name} service, not ${JSON.stringify(serviceName)}`);
  }
  if (userId !== undefined && !isOwnUserId(caller, String(userId))) {
    throw new AppError('FORBIDDEN', 'user_id: orders are always your own; leave user_id out or send your client_id', {
      reason: 'NOT_YOUR_USER_ID',
    });
  }

  // 3. One parameter set per unit, each validated.
  let units: (string | null)[] = [null];
  if (def.unit !== 'none') {
    const field = def.unitField!;
    const listed = unitNames.safeParse(body[field]);
    if (!listed.success) {
      throw new AppError('VALIDATION', describeZodIssues(listed.error.issues.map((i) => ({ ...i, path: [field, ...i.path] }))));
    }
    units = [...new Set(listed.data)];
  }
  const paramSets = units.map((unit) => {
    const parsed = def.params.safeParse(unit === null ? body : { ...body, [def.unitField!]: unit });
    if (!parsed.success) throw new AppError('VALIDATION', describeZodIssues(parsed.error.issues));
    return parsed.data as Record<string, unknown>;
  });
  const puIds =
    def.unit === 'none' ? new Map<string, number>() : await unitIds(db, def, def.unitField!, units as string[], def.unit);
  for (const field of def.unitListFields ?? []) {
    const names = [
      ...new Set(
        paramSets.flatMap((p) =>
          String(p[field] ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ),
    ];
    if (names.length) await unitIds(db, def, field, names, 'production_unit');
  }
  // Input files (once the units are known): under the configured roots, recorded as the path GDAL will open.
  for (const field of def.sourceFields ?? []) {
    for (const p of paramSets) {
      const v = p[field];
      const resolve = (s: string) => resolveSource(s, cfg.sourceRoots ?? [], field);
      if (typeof v === 'string') p[field] = resolve(v);
      else if (Array.isArray(v)) p[field] = v.map((s: string) => resolve(s));
    }
  }

  // 4. Can it run?
  await checkEngine(deps, def.name, def.engine);

  // 5. The same request with the same key returns its orders.
  const keyOf = (unit: string | null) =>
    input.idempotencyKey === undefined ? undefined : units.length > 1 ? `${input.idempotencyKey}#${unit}` : input.idempotencyKey;
  const items: (NewOrderItem & { unit: string | null })[] = paramSets.map((params, i) => ({
    unit: units[i]!,
    params,
    idempotencyKey: keyOf(units[i]!),
    productionUnitId: def.unit === 'production_unit' ? puIds.get(units[i]!)! : null,
    callbackUrl,
    ogc: input.ogc,
  }));
  const replay = async () => {
    const keys = items.map((it) => it.idempotencyKey).filter((k): k is string => k !== undefined);
    if (!keys.length) return null;
    const found = await db
      .select({ ...acceptedColumns, key: orders.idempotencyKey, params: orders.params })
      .from(orders)
      .where(and(eq(orders.apiClientId, caller.apiClientId), inArray(orders.idempotencyKey, keys)));
    found.sort((a, b) => keys.indexOf(a.key!) - keys.indexOf(b.key!));
    if (!found.length) return null;
    const same =
      found.length === items.length &&
      found.every((o, i) => o.serviceId === serviceId && sameRequest(o.params, items[i]!.params));
    if (!same) {
      throw new AppError('CONFLICT', 'Idempotency-Key: this key was used for a different request', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    return found.map(({ key: _k, params: _p, ...o }, i) => ({ ...o, unit: items[i]!.unit }));
  };
  const earlier = await replay();
  if (earlier) return { orders: earlier, created: false };

  // 6. Accept and dispatch.
  let accepted: AcceptedOrder[];
  try {
    accepted = await insertOrders(deps, {
      serviceId,
      apiClientId: caller.apiClientId,
      maxOpenPerClient: cfg.maxOpenPerClient,
      items,
    });
  } catch (e) {
    if (isIdempotencyRace(e)) {
      const o = await replay();
      if (o) return { orders: o, created: false };
    }
    throw e;
  }
  const dispatch =
    def.engine.kind === 'embedded' ? { kind: 'embedded' as const, dagId: def.engine.dagId } : { kind: 'airflow' as const };
  for (const o of accepted) await dispatchOrder(deps, o.id, dispatch);
  return { orders: accepted.map((o, i) => ({ ...o, unit: items[i]!.unit })), created: true };
}
