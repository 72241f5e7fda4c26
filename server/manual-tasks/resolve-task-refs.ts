/**
 * What the manual-task bodies name, resolved or refused with a 400 naming the field: a task type and a service by id
 * or name, production units by code (a sub-production unit expands to its units), and the caller's `client_id`.
 */
import { inArray, or, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~/db/client';
import { manualTaskTypes, productionUnits, services, subProductionUnits } from '~/db/schema';
import { AppError } from '../errors';

const byIdOrName = (idCol: unknown, nameCol: unknown, v: string) =>
  z.uuid().safeParse(v).success ? or(eq(idCol as never, v), eq(nameCol as never, v)) : eq(nameCol as never, v);

export async function taskTypeOf(db: DbOrTx, v: string) {
  const [t] = await db
    .select()
    .from(manualTaskTypes)
    .where(byIdOrName(manualTaskTypes.id, manualTaskTypes.name, v));
  if (!t || !t.active)
    throw new AppError('VALIDATION', `task_id: there is no manual task type ${v}`, { reason: 'UNKNOWN_TASK_TYPE' });
  return t;
}

export async function serviceOf(db: DbOrTx, v: string) {
  const [s] = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(byIdOrName(services.id, services.name, v));
  if (!s) throw new AppError('VALIDATION', `service_id: there is no service ${v}`, { reason: 'UNKNOWN_SERVICE' });
  return s;
}

export type Unit = { id: number; code: string };

/** Production units by code, all known or a 400 listing the unknown ones. */
export async function unitsNamed(db: DbOrTx, field: string, codes: string[]): Promise<Unit[]> {
  const rows = await db
    .select({ id: productionUnits.id, code: productionUnits.code })
    .from(productionUnits)
    .where(inArray(productionUnits.code, codes));
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length)
    throw new AppError('VALIDATION', `${field}: unknown production unit ${unknown.slice(0, 10).join(', ')}`, {
      reason: 'UNKNOWN_UNIT',
    });
  return codes.map((c) => rows.find((r) => r.code === c)!);
}

/** The production units of sub-production units, all SPUs known or a 400 listing the unknown ones. */
export async function unitsOfSpus(db: DbOrTx, field: string, codes: string[]): Promise<Unit[]> {
  const spus = await db
    .select({ id: subProductionUnits.id, code: subProductionUnits.code })
    .from(subProductionUnits)
    .where(inArray(subProductionUnits.code, codes));
  const unknown = codes.filter((c) => !spus.some((r) => r.code === c));
  if (unknown.length)
    throw new AppError('VALIDATION', `${field}: unknown sub-production unit ${unknown.slice(0, 10).join(', ')}`, {
      reason: 'UNKNOWN_UNIT',
    });
  return db
    .select({ id: productionUnits.id, code: productionUnits.code })
    .from(productionUnits)
    .where(
      sql`${productionUnits.subProductionUnitId} in (${sql.join(
        spus.map((s) => sql`${s.id}`),
        sql`, `,
      )})`,
    )
    .orderBy(productionUnits.code);
}

/** `client_id` of a legacy body: absent, or the caller's own. */
export function checkClientField(caller: { clientId: string }, v: string | undefined) {
  if (v !== undefined && v !== caller.clientId)
    throw new AppError('FORBIDDEN', 'client_id: tasks are recorded as yours; leave client_id out or send your own', {
      reason: 'NOT_YOUR_CLIENT_ID',
    });
}
