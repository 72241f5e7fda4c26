import type { AppDeps } from '../deps';
import { env } from '../env.js';
import type { ExchangeDeps } from './exchange-token';
import type { VerifyDeps } from './verify-access-token';

/** What the token endpoint needs, from the web's shared deps and the configuration. */
export const exchangeDepsOf = (deps: AppDeps): ExchangeDeps => ({
  db: deps.db,
  redis: deps.redis,
  keys: deps.keys,
  issuer: deps.auth.issuer,
  audience: deps.auth.audience,
  tokenTtlSeconds: deps.auth.tokenTtlSeconds,
  limits: { perClientPerMinute: env.RATE_LIMIT_TOKEN_PER_CLIENT, perIpPerMinute: env.RATE_LIMIT_TOKEN_PER_IP },
  keyPrefix: deps.queuePrefix,
});

/** What the access-token guard needs. */
export const verifyDepsOf = (deps: AppDeps): VerifyDeps => ({
  db: deps.db,
  keys: deps.keys,
  issuer: deps.auth.issuer,
  audience: deps.auth.audience,
  trusted: deps.auth.trusted,
});

export const signInDepsOf = (deps: AppDeps) => ({
  db: deps.db,
  redis: deps.redis,
  limits: { perAccount: env.RATE_LIMIT_SIGNIN_PER_ACCOUNT, perIp: env.RATE_LIMIT_SIGNIN_PER_IP },
  keyPrefix: deps.queuePrefix,
});
