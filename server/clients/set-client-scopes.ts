/** Replaces a client's allowed scopes. Tokens already issued keep theirs until they expire (at most one hour). */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { apiClientScopes } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { assertScopesExist } from './assert-scopes-exist';
import { auditActor, type Actor } from './audit-actor';
import { clientRowId } from './get-client';

export async function setClientScopes(
  db: Database,
  opts: { clientId: string; scopes: string[] },
  actor: Actor,
): Promise<string[]> {
  const scopes = [...new Set(opts.scopes)].sort();
  if (scopes.length === 0) throw new AppError('VALIDATION', 'scope: give at least one scope');
  await assertScopesExist(db, scopes);
  const id = await clientRowId(db, opts.clientId);
  await db.transaction(async (tx) => {
    await tx.delete(apiClientScopes).where(eq(apiClientScopes.apiClientId, id));
    await tx.insert(apiClientScopes).values(scopes.map((scope) => ({ apiClientId: id, scope })));
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.scopes_changed',
      targetType: 'client',
      targetId: opts.clientId,
      details: { scopes: scopes.join(' ') },
    });
  });
  return scopes;
}
