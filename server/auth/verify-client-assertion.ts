/**
 * Verifies a JWT signed by an API client with one of its registered public keys. Used for client authentication
 * (`private_key_jwt`, RFC 7523 §2.2) and for the JWT-bearer grant (RFC 7523 §2.1, how CLMS portal users get tokens):
 * `iss` is the client_id, `aud` our token endpoint or issuer, `exp` at most one hour ahead, `jti` used only once.
 */
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify, type JWK } from 'jose';
import type { Database } from '~/db/client';
import { usedAssertions } from '~/db/schema';
import { findUnstorable } from '../security/storable-text';
import { loadClientForAuth, type ClientForAuth } from './load-client';
import { OAuthError } from './oauth-error';

const CLIENT_KEY_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const MAX_LIFETIME_S = 3600;
const SKEW_S = 30;

export async function verifyClientAssertion(
  db: Database,
  assertion: string,
  opts: { audiences: string[]; purpose: 'client authentication' | 'authorization grant'; now?: Date },
): Promise<ClientForAuth> {
  const errorCode = opts.purpose === 'client authentication' ? 'invalid_client' : 'invalid_grant';
  const fail = (why: string) => new OAuthError(errorCode, `the ${opts.purpose} assertion ${why}`);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    throw fail('is not a JWT');
  }
  if (findUnstorable(header) || findUnstorable(claims)) throw fail('holds text that cannot be stored (a NUL character…)');
  if (!header.alg || !CLIENT_KEY_ALGS.includes(header.alg)) throw fail(`uses a refused algorithm (${header.alg ?? 'none'})`);
  if (typeof claims.iss !== 'string') throw fail('has no issuer (iss = your client_id)');
  if (opts.purpose === 'client authentication' && claims.sub !== claims.iss) throw fail('must have sub = iss = client_id');

  const client = await loadClientForAuth(db, claims.iss);
  if (!client) throw fail('names an unknown client');
  const candidates = client.keys.filter((k) => !header.kid || k.kid === header.kid);
  if (candidates.length === 0)
    throw fail(
      header.kid
        ? `is signed with an unregistered key (kid ${header.kid})`
        : 'cannot be checked: the client has no registered key',
    );

  const now = opts.now ?? new Date();
  let verified: Awaited<ReturnType<typeof jwtVerify>> | null = null;
  for (const k of candidates) {
    try {
      const key = await importJWK(k.jwk as JWK, header.alg);
      verified = await jwtVerify(assertion, key, {
        audience: opts.audiences,
        algorithms: CLIENT_KEY_ALGS,
        clockTolerance: SKEW_S,
        currentDate: now,
        requiredClaims: ['exp', 'jti'],
      });
      break;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw fail('has expired');
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw fail(`has an unacceptable "${e.claim}" claim`);
      // wrong key: try the next one
    }
  }
  if (!verified) throw fail('signature does not match any registered key');
  const { exp, jti } = verified.payload as { exp: number; jti: string };
  const nowS = Math.floor(now.getTime() / 1000);
  if (exp - nowS > MAX_LIFETIME_S + SKEW_S) throw fail('expires more than one hour ahead');
  if (typeof verified.payload.iat === 'number' && exp - verified.payload.iat > MAX_LIFETIME_S + SKEW_S) {
    throw fail('is valid for more than one hour');
  }
  const inserted = await db
    .insert(usedAssertions)
    .values({ issuer: client.clientId, jti, expiresAt: new Date((exp + SKEW_S) * 1000) })
    .onConflictDoNothing()
    .returning({ jti: usedAssertions.jti });
  if (inserted.length === 0) throw fail('has already been used (replayed jti)');
  return client;
}
