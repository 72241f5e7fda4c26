/** Auth test kit: a key store, verification and token-endpoint deps on the test file's own database and Redis prefix. */
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import type { ExchangeDeps } from '~/server/auth/exchange-token';
import { createKeyStore } from '~/server/auth/key-store';
import type { VerifyDeps } from '~/server/auth/verify-access-token';

export const ISSUER = 'http://issuer.test';
export const AUDIENCE = 'clcplus-api';
export const TOKEN_ENDPOINT = `${ISSUER}/oauth/token`;
export const ENCRYPTION_KEY = 'k'.repeat(40);

export function authKit(db: Database, redis: Redis, prefix: string) {
  const keys = createKeyStore(db, { encryptionKey: ENCRYPTION_KEY, tokenTtlSeconds: 3600 });
  const verify: VerifyDeps = { db, keys, issuer: ISSUER, audience: AUDIENCE, trusted: [] };
  const exchange: ExchangeDeps = {
    db,
    redis,
    keys,
    issuer: ISSUER,
    audience: AUDIENCE,
    tokenTtlSeconds: 3600,
    limits: { perClientPerMinute: 1000, perIpPerMinute: 1000 },
    keyPrefix: prefix,
  };
  const request = (form: Record<string, string>, authorization: string | null = null, ip = '10.0.0.1') => ({
    form: new Map(Object.entries(form)),
    authorization,
    ip,
    requestId: 'test-request',
    tokenEndpoint: TOKEN_ENDPOINT,
  });
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  return { keys, verify, exchange, request, basic };
}
