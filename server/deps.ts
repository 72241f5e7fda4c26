/**
 * The web process's shared dependencies (database, Redis, queues), created on first use. Route handlers and the
 * tRPC context take them from here; services receive them as arguments and never import this module.
 */
import type { Redis } from 'ioredis';
import { getDb, type Database } from '~/db/client';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { createKeyStore, type KeyStore } from './auth/key-store';
import type { VerifyDeps } from './auth/verify-access-token';
import { env, publicUrl } from './env.js';
import { getRedis } from './redis/client';
import { shipProcessLogs } from './logging/ship-process-logs';

export type AuthConfig = {
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  trusted: VerifyDeps['trusted'];
  clientSecretOverlapHours: number;
  encryptionKey: string;
};

export type AppDeps = {
  db: Database;
  redis: Redis;
  queues: Queues;
  queuePrefix: string;
  keys: KeyStore;
  auth: AuthConfig;
};

export const authConfigFromEnv = (): AuthConfig => ({
  issuer: publicUrl(env),
  audience: env.TOKEN_AUDIENCE,
  tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  trusted: env.TRUSTED_ISSUERS,
  clientSecretOverlapHours: env.CLIENT_SECRET_OVERLAP_HOURS,
  encryptionKey: env.KEY_ENCRYPTION_KEY,
});

let deps: Promise<AppDeps> | undefined;

/**
 * Tests only (test/endpoint.ts): the route handlers run in-process on the test file's own database, Redis prefix and
 * queues. Production code never calls it; getAppDeps builds the real ones from the environment.
 */
export function provideAppDeps(d: AppDeps): void {
  deps = Promise.resolve(d);
}

export function getAppDeps(): Promise<AppDeps> {
  deps ??= (async () => {
    const [db, redis] = await Promise.all([getDb(), getRedis()]);
    const auth = authConfigFromEnv();
    const queues = createQueues(redis, env.QUEUE_PREFIX);
    // The web's own records (warnings, errors, outages) also go to the logs table (GET /v1/logging).
    shipProcessLogs({ db, enqueue: queues.enqueue }, env.LOG_SINK_LEVEL);
    return {
      db,
      redis,
      queues,
      queuePrefix: env.QUEUE_PREFIX,
      keys: createKeyStore(db, { encryptionKey: auth.encryptionKey, tokenTtlSeconds: auth.tokenTtlSeconds }),
      auth,
    };
  })();
  return deps;
}
