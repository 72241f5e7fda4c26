import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~/db/client';
import { auditLog, type AuditEvent } from '~/db/schema';

export const listAuditEventsInput = z.object({
  /** Prefix of the action, e.g. `token.` or `signin.failed`. */
  action: z
    .string()
    .max(64)
    .regex(/^[a-z0-9_.]*$/)
    .optional(),
  actorId: z.string().max(128).optional(),
  /** Cursor: events with a smaller id (older). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Newest first, filtered, paged by id cursor. */
export async function listAuditEvents(db: DbOrTx, raw: z.input<typeof listAuditEventsInput>): Promise<AuditEvent[]> {
  const input = listAuditEventsInput.parse(raw);
  const where: SQL[] = [];
  if (input.action) where.push(like(auditLog.action, `${input.action}%`));
  if (input.actorId) where.push(eq(auditLog.actorId, input.actorId));
  if (input.before) where.push(lt(auditLog.id, input.before));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(input.limit);
}
