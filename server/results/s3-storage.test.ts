/**
 * S3 results through the AWS SDK v3.
 * - Contract with the AWS SDK for Python's signer (Debian's python3-botocore, test/python/s3_sign.py, fixed clock):
 *   a download URL is the one botocore presigns, and an upload request as it went over the wire carries the
 *   Authorization botocore computes for it.
 * - The storage against a real S3 server (s3rver; it checks credentials, expiry and ranges but not V4 signatures,
 *   which the botocore comparison covers), with a recording proxy in front (test/s3-proxy.ts) to see the requests
 *   on the wire and to inject transient faults: multipart uploads, retries, a failed upload aborted.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fault, s3Proxy, type SeenRequest } from '~/test/s3-proxy';
import { MIN_PART_SIZE, partSizeFor, s3Storage, type S3Config } from './s3-storage';

const MiB = 1024 * 1024;
/** S3's smallest part size, used as the part size of the uploads below so that a few MiB make several parts. */
const PART = 5 * MiB;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** botocore's signature of the same request (test/python/s3_sign.py). */
function botocoreSign(q: {
  method: string;
  url: string;
  now: Date;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  expires?: number;
  headers?: Record<string, string>;
  body?: Buffer;
}) {
  const out = execFileSync('/usr/bin/python3', ['test/python/s3_sign.py'], {
    input: JSON.stringify({
      method: q.method,
      url: q.url,
      now: q.now.toISOString().replace(/\.\d{3}/, ''),
      region: q.region,
      access_key: q.accessKeyId,
      secret_key: q.secretAccessKey,
      expires: q.expires,
      headers: q.headers,
      body_base64: q.body?.toString('base64'),
    }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { url?: string; authorization?: string };
}

describe('multipart part size', () => {
  it('is the configured size, at least S3 minimum, and grows so that no file needs more than 10 000 parts', () => {
    expect(partSizeFor(100 * MiB)).toBe(16 * MiB);
    expect(partSizeFor(100 * MiB, 1 * MiB)).toBe(MIN_PART_SIZE);
    expect(MIN_PART_SIZE).toBe(PART);
    const sixGiB = 6 * 1024 * MiB; // above the 5 GiB of a single PUT
    expect(Math.ceil(sixGiB / partSizeFor(sixGiB))).toBe(384);
    for (const bytes of [160 * 1024 * MiB + 1, 1024 ** 4, 5 * 1024 ** 4]) {
      const part = partSizeFor(bytes);
      expect(part % MiB).toBe(0);
      expect(Math.ceil(bytes / part)).toBeLessThanOrEqual(10_000);
    }
  });
});

describe('S3 signatures (the AWS SDK for Python: Debian python3-botocore)', () => {
  const cfg = {
    endpoint: 'http://127.0.0.1:9000',
    bucket: 'clcplus-results',
    region: 'eu-central-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
  const at = new Date('2026-11-27T10:11:12Z');

  it('a download URL is the one botocore presigns (path style, a file name with a space and quotes)', async () => {
    const ours = new URL(await s3Storage(cfg, () => at).presignGet!('ab12/CLMS_CLCplus_RASTER_2021.zip', 600, 'CLMS x (1).zip'));
    expect(ours.pathname).toBe('/clcplus-results/ab12/CLMS_CLCplus_RASTER_2021.zip');
    expect(ours.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(ours.searchParams.get('X-Amz-Date')).toBe('20261127T101112Z');
    expect(ours.searchParams.get('response-content-disposition')).toBe('attachment; filename="CLMS x (1).zip"');
    // botocore presigns the same request: the same path and the query parameters that are not its own
    const unsigned = new URL(ours);
    for (const p of ['Algorithm', 'Credential', 'Date', 'Expires', 'SignedHeaders', 'Signature'])
      unsigned.searchParams.delete(`X-Amz-${p}`);
    const theirs = new URL(botocoreSign({ ...cfg, method: 'GET', url: unsigned.toString(), now: at, expires: 600 }).url!);
    expect(theirs.pathname).toBe(ours.pathname);
    expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
  });

  it('a bad key is refused before anything is signed', async () => {
    await expect(s3Storage(cfg).presignGet!('../etc/passwd', 300, 'x')).rejects.toThrow(/bad storage key/);
  });
});

describe('S3 storage against a real S3 server (s3rver)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  let server: S3rver;
  let endpoint: string;
  const proxies: { close(): Promise<void> }[] = [];
  const base = { bucket: 'results', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  /** A storage that talks to s3rver through a recording proxy that may inject faults. */
  async function viaProxy(fault?: (req: SeenRequest, seen: SeenRequest[]) => Fault, opts: Partial<S3Config> = {}) {
    const proxy = await s3Proxy(endpoint, fault);
    proxies.push(proxy);
    return { proxy, storage: s3Storage({ ...base, endpoint: proxy.url, partSizeBytes: PART, ...opts }) };
  }
  const file = (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    return f;
  };
  const partNumber = (r: SeenRequest) => Number(r.url.searchParams.get('partNumber'));

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'results' }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes, describes, downloads by a presigned URL (whole and by Range) and deletes a package', async () => {
    const storage = s3Storage({ ...base, endpoint });
    const bytes = randomBytes(3 * MiB + 17);
    const local = file('upload.zip', bytes);
    await storage.put('0b4f/CLMS_test.zip', local, 'application/zip');
    expect(fs.existsSync(local)).toBe(false); // uploaded, then the local copy removed
    expect((await storage.stat('0b4f/CLMS_test.zip'))?.bytes).toBe(bytes.length);

    const url = await storage.presignGet!('0b4f/CLMS_test.zip', 300, 'CLMS_test.zip');
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-disposition')).toBe('attachment; filename="CLMS_test.zip"');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);

    await storage.delete('0b4f/CLMS_test.zip');
    expect(await storage.stat('0b4f/CLMS_test.zip')).toBeNull();
    await storage.delete('0b4f/CLMS_test.zip'); // deleting twice is fine
  });

  it('refuses an expired download URL and an unknown credential', async () => {
    let clock = () => new Date();
    const storage = s3Storage({ ...base, endpoint }, () => clock());
    await storage.put('0b4f/small.zip', file('small.zip', Buffer.from('x')), 'application/zip');
    clock = () => new Date(Date.now() - 10 * 60_000); // signed ten minutes ago, valid five
    const expired = await storage.presignGet!('0b4f/small.zip', 300, 'small.zip');
    clock = () => new Date();
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
    const forged = new URL(await storage.presignGet!('0b4f/small.zip', 300, 'small.zip'));
    forged.searchParams.set('X-Amz-Credential', forged.searchParams.get('X-Amz-Credential')!.replace('S3RVER', 'NOBODY'));
    expect((await fetch(forged)).status).toBe(403);
  });

  it('an upload goes over the wire signed exactly as botocore signs it (headers and payload hash)', async () => {
    const { proxy, storage } = await viaProxy();
    const bytes = randomBytes(4096);
    await storage.put('ab12/CLMS.zip', file('signed.zip', bytes), 'application/zip');
    const [put] = proxy.of('PutObject');
    expect(put!.sha256).toBe(sha256(bytes));
    const auth = String(put!.headers.authorization);
    const signed = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
    expect(signed).toEqual(
      expect.arrayContaining(['host', 'content-type', 'content-length', 'x-amz-date', 'x-amz-content-sha256']),
    );
    // botocore sets host, x-amz-date and x-amz-content-sha256 itself (from the URL, its clock and the body)
    const headers = Object.fromEntries(
      signed.filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h)).map((h) => [h, String(put!.headers[h])]),
    );
    const d = String(put!.headers['x-amz-date']);
    const now = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 11)}:${d.slice(11, 13)}:${d.slice(13)}`);
    const theirs = botocoreSign({ ...base, method: 'PUT', url: put!.url.toString(), now, headers, body: bytes });
    expect(auth).toBe(theirs.authorization);
  });

  it('uploads a file several parts long as one multipart upload, byte-identical, and only then removes it', async () => {
    const { proxy, storage } = await viaProxy();
    const bytes = randomBytes(3 * PART + 12345); // four parts of 5 MiB (the last one short)
    const local = file('europe.zip', bytes);
    await storage.put('eu/CLMS_europe.zip', local, 'application/zip');

    expect(proxy.of('PutObject')).toHaveLength(0);
    expect(proxy.of('CreateMultipartUpload')).toHaveLength(1);
    const parts = proxy.of('UploadPart');
    expect(parts.map(partNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    for (const p of parts) expect(p.body.length).toBe(partNumber(p) < 4 ? PART : 12345); // memory: one part a request
    const [complete] = proxy.of('CompleteMultipartUpload');
    expect(complete!.status).toBe(200);
    expect(complete!.body.toString()).toContain('<PartNumber>4</PartNumber>');
    expect(fs.existsSync(local)).toBe(false);

    expect((await storage.stat('eu/CLMS_europe.zip'))?.bytes).toBe(bytes.length);
    const got = Buffer.from(await (await fetch(await storage.presignGet!('eu/CLMS_europe.zip', 300, 'e.zip'))).arrayBuffer());
    expect(sha256(got)).toBe(sha256(bytes));
  });

  it('retries transient failures (503, 500, a reset connection) and the upload still succeeds', async () => {
    const first = (r: SeenRequest, seen: SeenRequest[], op: string, part?: number) =>
      r.operation === op &&
      (part === undefined || partNumber(r) === part) &&
      !seen.some((s) => s.operation === op && (part === undefined || partNumber(s) === part));
    const { proxy, storage } = await viaProxy((r, seen) => {
      if (first(r, seen, 'PutObject')) return 503;
      if (first(r, seen, 'CreateMultipartUpload')) return 500;
      if (first(r, seen, 'UploadPart', 2)) return 503;
      if (first(r, seen, 'UploadPart', 3)) return 'reset';
      if (first(r, seen, 'HeadObject')) return 'reset';
      return undefined;
    });
    await storage.put('eu/small.zip', file('small-retried.zip', Buffer.from('small')), 'application/zip');
    expect(proxy.of('PutObject').map((r) => r.status)).toEqual([503, 200]);
    const bytes = randomBytes(3 * PART + 1);
    await storage.put('eu/retried.zip', file('retried.zip', bytes), 'application/zip');
    expect(proxy.of('CreateMultipartUpload').map((r) => r.status)).toEqual([500, 200]);
    expect(
      proxy
        .of('UploadPart')
        .filter((r) => partNumber(r) === 2)
        .map((r) => r.status),
    ).toEqual([503, 200]);
    expect(
      proxy
        .of('UploadPart')
        .filter((r) => partNumber(r) === 3)
        .map((r) => r.status),
    ).toEqual([0, 200]);
    expect((await storage.stat('eu/retried.zip'))?.bytes).toBe(bytes.length);
    expect(proxy.of('HeadObject').map((r) => r.status)).toEqual([0, 200]);
    const got = Buffer.from(await (await fetch(await storage.presignGet!('eu/retried.zip', 300, 'r.zip'))).arrayBuffer());
    expect(sha256(got)).toBe(sha256(bytes));
  });

  it('a failed upload (a part failing on every attempt) is aborted: bounded attempts, no object, the file kept', async () => {
    const { proxy, storage } = await viaProxy(
      (r) => (r.operation === 'UploadPart' && partNumber(r) === 2 ? 'reset' : undefined),
      {
        maxAttempts: 3,
      },
    );
    const local = file('failing.zip', randomBytes(3 * PART));
    await expect(storage.put('eu/failing.zip', local, 'application/zip')).rejects.toThrow(/S3 upload of eu\/failing\.zip/);

    expect(proxy.of('UploadPart').filter((r) => partNumber(r) === 2)).toHaveLength(3); // maxAttempts, then it gives up
    expect(proxy.of('CompleteMultipartUpload')).toHaveLength(0);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(proxy.of('CreateMultipartUpload')[0]!.answer)![1];
    // the multipart upload is aborted, so that no parts are left behind (s3rver 3.7 answers AbortMultipartUpload
    // with 405: it does not implement it, nor ListMultipartUploads; S3 and MinIO do)
    expect(proxy.of('AbortMultipartUpload').map((r) => r.url.searchParams.get('uploadId'))).toEqual([uploadId]);
    expect(await storage.stat('eu/failing.zip')).toBeNull();
    expect(fs.existsSync(local)).toBe(true);
  });
});
