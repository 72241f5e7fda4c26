/**
 * The guard's core: verifies a bearer access token and returns the caller.
 * Checks, in order: JWS shape; algorithm allow-list (ES256/EdDSA for our tokens; never `none` or HMAC); `typ`
 * (`at+jwt`); issuer (ours or a configured trusted one) and its key (`kid`); signature; `aud`; `exp`/`nbf`/`iat`
 * with 30 s clock tolerance; then in the database: the client exists and is not disabled, and the `jti` is not
 * revoked. Every failure is a 401 `invalid_token` with a description.
 */
import { findUnstorable } from '../security/storable-text';
import { sql } from 'drizzle-orm';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import type { KeyStore } from './key-store';
import { parseScope } from './scopes';

export type Caller = {
  clientId: string;
  apiClientId: string;
  customerId: string;
  scopes: string[];
  jti: string;
  subject: string;
  issuer: string;
  expiresAt: Date;
};

export type TrustedIssuer = { issuer: string; jwksUri: string; audience?: string };

export type VerifyDeps = {
  db: Database;
  keys: KeyStore;
  issuer: string;
  audience: string;
  trusted: TrustedIssuer[];
};

const OWN_ALGS = ['ES256', 'EdDSA'];
const EXTERNAL_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const CLOCK_TOLERANCE_S = 30;
const remoteSets = new Map<string, JWTVerifyGetKey>();

const invalid = (description: string) => new AppError('UNAUTHORIZED', description, { reason: 'invalid_token' });

/**
 * Tokens whose signature and claims were verified, for at most a minute and never beyond their expiry: a client
 * presents the same token on every request, and the signature check (ECDSA) is the most expensive part of a status
 * read after Next.js itself. What can change within a token's life (client disabled, token revoked) is still read
 * from the database on every request. Bounded; the oldest entries go first.
 */
const VERIFIED_MAX = 10_000;
const VERIFIED_FOR_MS = 60_000;
const verified = new Map<string, { payload: JWTPayload; own: boolean; until: number }>();

// Verified for this issuer and audience (a process may verify for several configurations, as tests do).
const cacheKey = (deps: VerifyDeps, token: string) => `${deps.issuer} ${deps.audience} ${token}`;

function rememberVerified(key: string, payload: JWTPayload, own: boolean) {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(key, { payload, own, until: Math.min(Date.now() + VERIFIED_FOR_MS, payload.exp! * 1000) });
}

function recallVerified(key: string, deps: VerifyDeps) {
  const hit = verified.get(key);
  if (!hit) return undefined;
  // Past its expiry (without the clock tolerance: jose decides again then) or from an issuer no longer trusted.
  if (Date.now() >= hit.until || (!hit.own && !deps.trusted.some((t) => t.issuer === hit.payload.iss))) {
    verified.delete(key);
    return undefined;
  }
  return hit;
}

export async function verifyAccessToken(deps: VerifyDeps, token: string): Promise<Caller> {
  const key = cacheKey(deps, token);
  const hit = recallVerified(key, deps);
  const { payload, own } = hit ?? (await verifySignatureAndClaims(deps, token));
  if (!hit) rememberVerified(key, payload, own);
  return callerOf(deps, payload, own);
}

async function verifySignatureAndClaims(deps: VerifyDeps, token: string): Promise<{ payload: JWTPayload; own: boolean }> {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) throw invalid('the access token is not a JWT');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw invalid('the access token cannot be decoded');
  }
  if (findUnstorable(header) || findUnstorable(unverified)) throw invalid('the access token holds text that cannot be stored');

  const own = unverified.iss === deps.issuer;
  const external = own ? undefined : deps.trusted.find((t) => t.issuer === unverified.iss);
  if (!own && !external) throw invalid('the token was not issued by a trusted issuer');
  const algs = own ? OWN_ALGS : EXTERNAL_ALGS;
  if (!header.alg || !algs.includes(header.alg)) throw invalid(`algorithm ${header.alg ?? 'none'} is not accepted`);
  const typ = header.typ?.toLowerCase();
  const typOk = typ === 'at+jwt' || typ === 'application/at+jwt' || (!own && typ === 'jwt');
  if (!typOk) throw invalid('the token is not an access token (typ must be at+jwt)');

  let key: Parameters<typeof jwtVerify>[1];
  if (own) {
    if (!header.kid) throw invalid('the token names no signing key (kid)');
    const k = await deps.keys.publicKey(header.kid);
    if (!k) throw invalid('the token was signed with an unknown key');
    key = k;
  } else {
    let set = remoteSets.get(external!.jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(external!.jwksUri), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
      remoteSets.set(external!.jwksUri, set);
    }
    key = set as never;
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key as never, {
      issuer: unverified.iss,
      audience: own ? deps.audience : (external!.audience ?? deps.audience),
      algorithms: algs,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw invalid('the token has expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === 'nbf' || e.claim === 'iat') throw invalid('the token is not valid yet');
      throw invalid(`the token's "${e.claim}" claim is not accepted`);
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw invalid('the token signature is invalid');
    if (e instanceof joseErrors.JWKSNoMatchingKey) throw invalid('the token was signed with an unknown key');
    throw invalid('the token cannot be verified');
  }
  return { payload, own };
}

async function callerOf(deps: VerifyDeps, payload: JWTPayload, own: boolean): Promise<Caller> {
  const clientId =
    typeof payload.client_id === 'string' ? payload.client_id : typeof payload.azp === 'string' ? payload.azp : null;
  if (!clientId) throw invalid('the token names no client (client_id)');
  const rows = await deps.db.execute<{
    id: string;
    customer_id: string;
    disabled: boolean;
    revoked: boolean;
    scopes: string[] | null;
  }>(sql`
    select c.id, c.customer_id, c.disabled_at is not null as disabled,
           exists (select 1 from revoked_tokens r where r.jti = ${payload.jti!}) as revoked,
           (select array_agg(s.scope) from api_client_scopes s where s.api_client_id = c.id) as scopes
    from api_clients c where c.client_id = ${clientId}`);
  const row = rows[0];
  if (!row) throw invalid('the client of this token is unknown');
  if (row.disabled) throw invalid('the client of this token is disabled');
  if (row.revoked) throw invalid('the token has been revoked');

  const tokenScopes = parseScope(typeof payload.scope === 'string' ? payload.scope : '');
  const allowed = row.scopes ?? [];
  return {
    clientId,
    apiClientId: row.id,
    customerId: row.customer_id,
    // Our tokens carry what we granted; a foreign token cannot grant more than the client is allowed here.
    scopes: own ? tokenScopes : tokenScopes.filter((s) => allowed.includes(s)),
    jti: payload.jti!,
    subject: payload.sub!,
    issuer: payload.iss!,
    expiresAt: new Date(payload.exp! * 1000),
  };
}

/** 403 `insufficient_scope` unless the caller holds at least one of `anyOf`. */
export function requireScope(caller: Caller, anyOf: string[]): void {
  if (anyOf.length && !anyOf.some((s) => caller.scopes.includes(s))) {
    throw new AppError('FORBIDDEN', `this operation needs one of the scopes: ${anyOf.join(', ')}`, {
      reason: 'insufficient_scope',
      headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${anyOf.join(' ')}"` },
    });
  }
}
