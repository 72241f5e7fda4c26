/**
 * Token introspection (RFC 7662). The caller authenticates as a client; it learns about its own tokens, and a
 * client with the `admin` scope about any. Everything else — unknown, expired, revoked, foreign, malformed — is
 * just `{"active": false}`.
 */
import { AppError } from '../errors';
import { verifyAccessToken, type VerifyDeps } from './verify-access-token';
import type { ClientForAuth } from './load-client';

export type Introspection =
  | { active: false }
  | {
      active: true;
      scope: string;
      client_id: string;
      sub: string;
      token_type: 'Bearer';
      exp: number;
      iss: string;
      aud: string;
      jti: string;
    };

export async function introspectToken(deps: VerifyDeps, caller: ClientForAuth, token: string): Promise<Introspection> {
  try {
    const t = await verifyAccessToken(deps, token);
    if (t.clientId !== caller.clientId && !caller.scopes.includes('admin')) return { active: false };
    return {
      active: true,
      scope: t.scopes.join(' '),
      client_id: t.clientId,
      sub: t.subject,
      token_type: 'Bearer',
      exp: Math.floor(t.expiresAt.getTime() / 1000),
      iss: t.issuer,
      aud: deps.audience,
      jti: t.jti,
    };
  } catch (e) {
    if (e instanceof AppError) return { active: false };
    throw e;
  }
}
