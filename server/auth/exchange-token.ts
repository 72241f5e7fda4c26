/**
 * The token endpoint's work (RFC 6749 §4.4, RFC 7523 §2.1): authenticate, rate-limit, grant scopes, issue a JWT,
 * audit. Grants: `client_credentials` (secret or private_key_jwt) and `urn:ietf:params:oauth:grant-type:jwt-bearer`.
 * No refresh tokens: clients ask again (RFC 6749 §4.4.3).
 */
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import { apiClients } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hitRateLimit } from '../security/rate-limit';
import { countTokenRequest } from '../metrics/security';
import { authenticateClient, type ClientAuthMethod } from './authenticate-client';
import { issueAccessToken } from './issue-access-token';
import type { KeyStore } from './key-store';
import type { ClientForAuth } from './load-client';
import { OAuthError } from './oauth-error';
import { grantScopes, isValidScopeString, parseScope } from './scopes';
import { verifyClientAssertion } from './verify-client-assertion';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const GRANT_TYPES = ['client_credentials', JWT_BEARER_GRANT] as const;

export type TokenResponse = { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string };

export type ExchangeDeps = {
  db: Database;
  redis: Redis;
  keys: KeyStore;
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  /** Token requests per client and per IP in a window (60 s unless given: tests shorten it). */
  limits: { perClientPerMinute: number; perIpPerMinute: number; windowSeconds?: number };
  /** Prefix of the rate-limit keys in Redis. */
  keyPrefix: string;
};

async function limit(redis: Redis, key: string, max: number, windowSeconds = 60) {
  const d = await hitRateLimit(redis, key, max, windowSeconds);
  if (!d.allowed) {
    throw new OAuthError('rate_limited', `too many token requests; retry in ${d.retryAfterSeconds} s`, 429, {
      'retry-after': String(d.retryAfterSeconds),
    });
  }
}

export async function exchangeToken(
  deps: ExchangeDeps,
  req: { form: Map<string, string>; authorization: string | null; ip: string; requestId: string; tokenEndpoint: string },
): Promise<TokenResponse> {
  const audiences = [req.tokenEndpoint, deps.issuer];
  const grantType = req.form.get('grant_type');
  let clientId: string | undefined;
  try {
    await limit(
      deps.redis,
      `${deps.keyPrefix}:ratelimit:token:ip:${req.ip}`,
      deps.limits.perIpPerMinute,
      deps.limits.windowSeconds,
    );
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
    const scopeParam = req.form.get('scope');
    if (scopeParam !== undefined && !isValidScopeString(scopeParam)) throw new OAuthError('invalid_scope', 'malformed scope');

    let client: ClientForAuth;
    let method: ClientAuthMethod | 'jwt-bearer assertion';
    if (grantType === 'client_credentials') {
      ({ client, method } = await authenticateClient(deps.db, { form: req.form, authorization: req.authorization, audiences }));
    } else if (grantType === JWT_BEARER_GRANT) {
      const assertion = req.form.get('assertion');
      if (!assertion) throw new OAuthError('invalid_request', 'the jwt-bearer grant needs an assertion parameter');
      client = await verifyClientAssertion(deps.db, assertion, { audiences, purpose: 'authorization grant' });
      method = 'jwt-bearer assertion';
    } else {
      throw new OAuthError('unsupported_grant_type', `grant_type must be one of: ${GRANT_TYPES.join(', ')}`);
    }
    clientId = client.clientId;
    await limit(
      deps.redis,
      `${deps.keyPrefix}:ratelimit:token:client:${client.clientId}`,
      deps.limits.perClientPerMinute,
      deps.limits.windowSeconds,
    );
    if (client.disabled) throw new OAuthError('invalid_client', 'this client is disabled');

    const requested = parseScope(scopeParam);
    const scope = grantScopes(requested, client.scopes);
    if (scope.length === 0) {
      throw new OAuthError(
        'invalid_scope',
        requested.length ? 'none of the requested scopes is allowed for this client' : 'this client has no scopes',
      );
    }
    const token = await issueAccessToken(deps.keys, {
      issuer: deps.issuer,
      audience: deps.audience,
      clientId: client.clientId,
      scope,
      ttlSeconds: deps.tokenTtlSeconds,
    });
    await Promise.all([
      deps.db.update(apiClients).set({ lastTokenAt: new Date() }).where(eq(apiClients.id, client.id)),
      recordAuditEvent(deps.db, {
        actorType: 'client',
        actorId: client.clientId,
        action: 'token.issued',
        targetType: 'token',
        targetId: token.jti,
        ip: req.ip,
        requestId: req.requestId,
        details: { grant_type: grantType, method, scope: scope.join(' ') },
      }),
    ]);
    countTokenRequest(grantType, 'issued');
    return { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn, scope: scope.join(' ') };
  } catch (e) {
    countTokenRequest(grantType, e instanceof OAuthError ? e.error : 'error');
    // Refusals are audited; rate-limit refusals are not (an attacker would turn them into database writes).
    if (e instanceof OAuthError && e.error !== 'rate_limited') {
      await recordAuditEvent(deps.db, {
        actorType: clientId ? 'client' : 'anonymous',
        actorId: clientId ?? null,
        action: 'token.refused',
        ip: req.ip,
        requestId: req.requestId,
        details: { grant_type: grantType ?? null, error: e.error, reason: e.description },
      }).catch(() => {});
    }
    throw e;
  }
}
