/**
 * Creates or replaces an admin-configured Airflow connection (`airflow add`); the password is sealed before it reaches
 * the database and is never returned. Invalid input → AppError VALIDATION naming the field, nothing written.
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import { seal } from '../auth/secret-box';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, CLI_ACTOR, type Actor } from '../clients/audit-actor';
import { AppError, describeZodIssues } from '../errors';
import type { AirflowConnectionView } from './list-connections';
import { airflowConnectionName } from './schemas';

export const saveAirflowConnectionInput = z
  .object({
    name: airflowConnectionName,
    url: z
      .url({ protocol: /^https?$/, error: () => 'an http(s) URL of the Airflow web server, e.g. https://airflow.example' })
      .max(2048)
      .refine(
        (u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password),
        'no credentials in the URL (they go in username and password)',
      ),
    apiVersion: z.enum(['v1', 'v2'], { error: () => 'v1 (Airflow 2) or v2 (Airflow 3)' }),
    username: z.string().min(1).max(256),
    password: z.string().min(1, 'an empty password').max(1024),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();
export type SaveAirflowConnectionInput = z.input<typeof saveAirflowConnectionInput>;

export async function saveAirflowConnection(
  deps: { db: Database; encryptionKey: string; actor?: Actor },
  raw: SaveAirflowConnectionInput,
): Promise<{ name: string; created: boolean; connection: AirflowConnectionView }> {
  const parsed = saveAirflowConnectionInput.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION', describeZodIssues(parsed.error.issues));
  const { password, ...c } = parsed.data;
  const values = { ...c, passwordSealed: seal(password, deps.encryptionKey) };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(airflowConnections)
      .values(values)
      .onConflictDoUpdate({ target: airflowConnections.name, set: { ...values, updatedAt: new Date() } })
      .returning({ createdAt: airflowConnections.createdAt, updatedAt: airflowConnections.updatedAt });
    const created = row!.createdAt.getTime() === row!.updatedAt.getTime();
    // Audited without the password (never in a record).
    await recordAuditEvent(tx, {
      ...auditActor(deps.actor ?? CLI_ACTOR),
      action: created ? 'airflow_connection.created' : 'airflow_connection.replaced',
      targetType: 'airflow_connection',
      targetId: c.name,
      details: { url: c.url, api_version: c.apiVersion, username: c.username },
    });
    const connection = { ...c, source: 'table' as const, active: true, updatedAt: row!.updatedAt.toISOString() };
    return { name: c.name, created, connection };
  });
}
