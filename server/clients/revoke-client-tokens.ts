/**
 * Revokes every unexpired access token issued to a client. Tokens are JWTs and not stored, but each issuance is in
 * the audit log with its `jti`, so the ones still alive (issued within one token lifetime) go on the deny-list.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from './audit-actor';
import { clientRowId } from './get-client';

export async function revokeClientTokens(
  db: Database,
  opts: { clientId: string; tokenTtlSeconds: number },
  actor: Actor,
): Promise<{ revoked: number }> {
  const id = await clientRowId(db, opts.clientId);
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      insert into revoked_tokens (jti, api_client_id, expires_at)
      select a.target_id, ${id}::uuid, a.created_at + make_interval(secs => ${opts.tokenTtlSeconds})
      from audit_log a
      where a.action = 'token.issued' and a.actor_id = ${opts.clientId}
        and a.created_at > now() - make_interval(secs => ${opts.tokenTtlSeconds + 60})
      on conflict (jti) do nothing
      returning jti`);
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.tokens_revoked',
      targetType: 'client',
      targetId: opts.clientId,
      details: { revoked: rows.length },
    });
    return { revoked: rows.length };
  });
}
