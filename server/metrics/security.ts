/** Token issuance by grant and outcome, and rate-limit refusals by limit (server/auth/exchange-token.ts, server/security/rate-limit.ts). */
import { counter, oneOf } from './registry';

export const tokensIssued = counter({
  name: 'clcplus_tokens_total',
  help: 'Token requests at POST /oauth/token by grant type and outcome (issued, or the OAuth error code)',
  labelNames: ['grant', 'outcome'] as const,
});

export const rateLimitRefusals = counter({
  name: 'clcplus_rate_limit_refusals_total',
  help: 'Attempts refused by a rate limit, by limit (token:ip, token:client, signin)',
  labelNames: ['limit'] as const,
});

const GRANTS = ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'] as const;
const OUTCOMES = [
  'issued',
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_grant_type',
  'rate_limited',
  'temporarily_unavailable',
] as const;

export function countTokenRequest(grant: string | undefined, outcome: string): void {
  tokensIssued.inc({
    grant: grant === undefined ? 'none' : oneOf(GRANTS, grant) === 'other' ? 'other' : grant.replace(/^.*:/, ''),
    outcome: oneOf(OUTCOMES, outcome) === 'other' ? 'error' : outcome,
  });
}

const LIMITS = ['token:ip', 'token:client', 'signin'] as const;

/**
 * `keys` are the Redis keys of the limits checked together (`<prefix>:ratelimit:<name>:<kind>:<identity>`): one
 * key is labelled `<name>:<kind>`; several (sign-in checks account and address at once) `<name>`.
 */
export function countRateLimitRefusal(keys: string[]): void {
  const parts = keys.map((k) => /:ratelimit:([a-z_]+):([a-z_]+):/.exec(k));
  const limit = parts.length === 1 ? parts[0] && `${parts[0][1]}:${parts[0][2]}` : parts[0]?.[1];
  rateLimitRefusals.inc({ limit: oneOf(LIMITS, limit ?? undefined) });
}
