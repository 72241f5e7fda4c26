/** The configured result storage (RESULTS_STORAGE): web and worker build it the same way. */
import path from 'node:path';
import { env } from '../env.js';
import { localStorage } from './local-storage';
import type { ResultStorage } from './result-storage';
import { s3Storage } from './s3-storage';

let storage: ResultStorage | undefined;

export function resultStorageFromEnv(): ResultStorage {
  storage ??=
    env.RESULTS_STORAGE === 's3'
      ? s3Storage({
          endpoint: env.S3_ENDPOINT!,
          region: env.S3_REGION,
          bucket: env.S3_BUCKET!,
          accessKeyId: env.S3_ACCESS_KEY_ID!,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
          partSizeBytes: env.S3_PART_SIZE_MB * 1024 * 1024,
          maxAttempts: env.S3_MAX_ATTEMPTS,
        })
      : localStorage(path.resolve(env.RESULTS_DIR, 'packages'));
  return storage;
}
