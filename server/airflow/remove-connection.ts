/**
 * Removes an admin-configured Airflow connection (`airflow remove NAME`) from the table. A name that only
 * AIRFLOW_CONNECTIONS defines cannot be removed here (NOT_FOUND saying so); one that both define falls back to the
 * environment's, which the result says. Services naming a removed connection are refused (503) until it is back.
 */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, CLI_ACTOR, type Actor } from '../clients/audit-actor';
import { AppError, describeZodIssues } from '../errors';
import type { EnvConnections } from './resolve-connection';
import { airflowConnectionName } from './schemas';

export const removeAirflowConnectionInput = z.object({ name: airflowConnectionName }).strict();

export async function removeAirflowConnection(
  deps: { db: Database; envConnections: EnvConnections; actor?: Actor },
  raw: z.input<typeof removeAirflowConnectionInput>,
): Promise<{ name: string; removed: true; envStillDefines: boolean }> {
  const parsed = removeAirflowConnectionInput.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION', describeZodIssues(parsed.error.issues));
  const { name } = parsed.data;
  const envStillDefines = Object.hasOwn(deps.envConnections, name);
  const gone = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(airflowConnections)
      .where(eq(airflowConnections.name, name))
      .returning({ name: airflowConnections.name });
    if (rows.length)
      await recordAuditEvent(tx, {
        ...auditActor(deps.actor ?? CLI_ACTOR),
        action: 'airflow_connection.removed',
        targetType: 'airflow_connection',
        targetId: name,
      });
    return rows;
  });
  if (!gone.length) {
    throw new AppError(
      'NOT_FOUND',
      envStillDefines
        ? `name: the Airflow connection ${name} is defined by AIRFLOW_CONNECTIONS, not the table; change the environment to remove it`
        : `name: no Airflow connection named ${name}`,
    );
  }
  return { name, removed: true, envStillDefines };
}
