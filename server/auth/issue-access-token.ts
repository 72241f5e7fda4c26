/** Signs an RFC 9068 access token (JWT, `typ: at+jwt`) with the active signing key. */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeyStore } from './key-store';

export type IssuedToken = { accessToken: string; jti: string; expiresIn: number; scope: string[] };

export async function issueAccessToken(
  keys: KeyStore,
  opts: { issuer: string; audience: string; clientId: string; subject?: string; scope: string[]; ttlSeconds: number; now?: Date },
): Promise<IssuedToken> {
  const key = await keys.active();
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const jti = randomBytes(16).toString('base64url');
  const accessToken = await new SignJWT({ client_id: opts.clientId, scope: opts.scope.join(' ') })
    .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setSubject(opts.subject ?? opts.clientId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + opts.ttlSeconds)
    .setJti(jti)
    .sign(key.key);
  return { accessToken, jti, expiresIn: opts.ttlSeconds, scope: opts.scope };
}
