/**
 * Token revocation (RFC 7009): the `jti` of one of the caller's own tokens (any token for an `admin` client) goes on
 * the deny-list until the token would expire. Unknown, foreign or already invalid tokens change nothing; the
 * endpoint answers 200 either way.
 */
import type { Database } from '~/db/client';
import { revokedTokens } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import type { ClientForAuth } from './load-client';
import { verifyAccessToken, type VerifyDeps } from './verify-access-token';

export async function revokeToken(
  deps: VerifyDeps & { db: Database },
  caller: ClientForAuth | { admin: true; actorId: string },
  token: string,
  meta: { ip?: string; requestId?: string } = {},
): Promise<{ revoked: boolean }> {
  let t;
  try {
    t = await verifyAccessToken(deps, token);
  } catch (e) {
    if (e instanceof AppError) return { revoked: false }; // already unusable: nothing to do
    throw e;
  }
  const isAdmin = 'admin' in caller || caller.scopes.includes('admin');
  if (!isAdmin && 'clientId' in caller && t.clientId !== caller.clientId) return { revoked: false };
  await deps.db
    .insert(revokedTokens)
    .values({ jti: t.jti, apiClientId: t.apiClientId, expiresAt: t.expiresAt })
    .onConflictDoNothing();
  await recordAuditEvent(deps.db, {
    actorType: 'admin' in caller ? 'user' : 'client',
    actorId: 'admin' in caller ? caller.actorId : caller.clientId,
    action: 'token.revoked',
    targetType: 'token',
    targetId: t.jti,
    ip: meta.ip,
    requestId: meta.requestId,
    details: { client_id: t.clientId },
  });
  return { revoked: true };
}
