/**
 * Results in an S3-compatible bucket (AWS, MinIO, CloudFerro…) through the AWS SDK v3, path-style URLs.
 *
 * 1. One `S3Client` per storage: the configured endpoint and region, explicit credentials (never the SDK's
 *    environment/instance chain), bounded retries (`maxAttempts`, the SDK's standard mode: 5xx, throttling and
 *    connection errors are retried with exponential backoff and jitter), connect and idle-socket timeouts.
 *    Checksums only where an operation requires one: the SDK's default CRC32 trailers (aws-chunked bodies) are not
 *    understood by every S3-compatible server; each request is still signed (SigV4).
 * 2. `put` streams the file with lib-storage's `Upload`: one PutObject below the part size, else a multipart upload
 *    (at most `queueSize` parts in flight, so memory stays at about queueSize × partSize whatever the file size;
 *    S3 caps a single PUT at 5 GiB). A failed upload is aborted (AbortMultipartUpload), so no parts are left
 *    behind, and the local file is kept; it is removed only after the object is complete.
 * 3. `stat` is HeadObject, `delete` DeleteObject (absent is fine), `presignGet` a presigned GetObject URL
 *    (`getSignedUrl`) that names the file (`response-content-disposition`).
 */
import fs from 'node:fs';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { checkKey, type ResultStorage } from './result-storage';

export type S3Config = {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Part size of multipart uploads (bytes, at least S3's minimum of 5 MiB); larger files use more parts. */
  partSizeBytes?: number;
  /** Attempts per request, the first included (S3_MAX_ATTEMPTS). */
  maxAttempts?: number;
};

const MiB = 1024 * 1024;
/** S3's limits: parts of 5 MiB to 5 GiB, at most 10 000 parts per object. */
export const MIN_PART_SIZE = 5 * MiB;
const MAX_PARTS = 10_000;
/** Parts uploaded at once: memory ≈ QUEUE_SIZE × part size. */
const QUEUE_SIZE = 4;

/** The part size for a file: the configured one, raised (to whole MiB) when the file would need more than 10 000 parts. */
export function partSizeFor(bytes: number, configured = 16 * MiB): number {
  const needed = Math.ceil(Math.ceil(bytes / MAX_PARTS) / MiB) * MiB;
  return Math.max(MIN_PART_SIZE, configured, needed);
}

const status = (e: unknown) => (e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined);
const failed = (what: string, e: unknown) =>
  new Error(`S3 ${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });

export function s3Storage(cfg: S3Config, now: () => Date = () => new Date()): ResultStorage {
  const client = new S3Client({
    endpoint: cfg.endpoint,
    region: cfg.region,
    forcePathStyle: true,
    credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
    maxAttempts: cfg.maxAttempts ?? 5,
    retryMode: 'standard',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // connect within 10 s; a socket silent for 60 s (no byte sent or received) fails the attempt, which is retried
    requestHandler: { connectionTimeout: 10_000, socketTimeout: 60_000 },
  });
  const target = (key: string) => {
    checkKey(key);
    return { Bucket: cfg.bucket, Key: key };
  };
  return {
    kind: 's3',
    async put(key, localFile, contentType) {
      const { size } = await fs.promises.stat(localFile);
      const upload = new Upload({
        client,
        params: { ...target(key), Body: fs.createReadStream(localFile), ContentType: contentType, ContentLength: size },
        partSize: partSizeFor(size, cfg.partSizeBytes),
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (e) {
        throw failed(`upload of ${key}`, e);
      }
      await fs.promises.rm(localFile, { force: true });
    },
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand(target(key)));
        return { bytes: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
      } catch (e) {
        if (status(e) === 404) return null;
        throw failed(`HEAD ${key}`, e);
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand(target(key)));
      } catch (e) {
        if (status(e) !== 404) throw failed(`DELETE ${key}`, e);
      }
    },
    async presignGet(key, seconds, fileName) {
      const get = new GetObjectCommand({ ...target(key), ResponseContentDisposition: `attachment; filename="${fileName}"` });
      return getSignedUrl(client, get, { expiresIn: seconds, signingDate: now() });
    },
  };
}
