/** The scheduled rotation: a new signing key when the active one is older than the rotation period (or missing). */
import { isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { rotateSigningKey } from './rotate-signing-key';

export async function rotateSigningKeyIfDue(
  db: Database,
  opts: { encryptionKey: string; tokenTtlSeconds: number; rotationDays: number; now?: Date },
): Promise<{ rotated: false; ageDays: number } | { rotated: true; kid: string; retired: string[] }> {
  const now = opts.now ?? new Date();
  const [active] = await db.select({ createdAt: signingKeys.createdAt }).from(signingKeys).where(isNull(signingKeys.retiredAt));
  const ageDays = active ? (now.getTime() - active.createdAt.getTime()) / 86_400_000 : Infinity;
  if (ageDays < opts.rotationDays) return { rotated: false, ageDays: Math.floor(ageDays) };
  const r = await rotateSigningKey(db, { encryptionKey: opts.encryptionKey, tokenTtlSeconds: opts.tokenTtlSeconds, now });
  await recordAuditEvent(db, {
    actorType: 'system',
    actorId: 'worker',
    action: 'key.rotated',
    targetType: 'signing_key',
    targetId: r.kid,
    details: { retired: r.retired },
  });
  return { rotated: true, ...r };
}
