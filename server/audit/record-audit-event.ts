/**
 * Records a security event (token issued/refused, client created/rotated/disabled, key added, sign-in, role
 * change…). Details must never contain a secret; keys that look secret are redacted anyway.
 */
import type { DbOrTx } from '~/db/client';
import { auditLog } from '~/db/schema';
import { redact } from '../logging/logger';

export type AuditEventInput = {
  actorType: 'user' | 'client' | 'system' | 'anonymous';
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  requestId?: string;
  details?: Record<string, unknown>;
};

export async function recordAuditEvent(db: DbOrTx, e: AuditEventInput): Promise<void> {
  await db.insert(auditLog).values({
    actorType: e.actorType,
    actorId: e.actorId ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ip: e.ip && /^[0-9a-fA-F:.]+$/.test(e.ip) ? e.ip : null,
    requestId: e.requestId ?? null,
    details: e.details ? (redact(e.details) as Record<string, unknown>) : null,
  });
}
