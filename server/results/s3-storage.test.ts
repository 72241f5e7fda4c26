/**
 * S3 results. AWS Signature V4 as computed here, checked against the examples AWS publishes in its S3 API reference
 * ("Authenticating Requests": a presigned GET URL and a signed GET with a Range header) and against the AWS SDK's own
 * signer (botocore, from Debian) on our requests. The storage itself against a real S3 server (s3rver: it checks
 * credentials, expiry, ranges — but not V4 signatures, which the two comparisons cover).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage, signV4 } from './s3-storage';

const creds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const now = new Date('2013-05-24T00:00:00Z');

describe('S3 signatures (AWS examples)', () => {
  it('presigned GET URL', () => {
    const { url } = signV4({
      ...creds,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      now,
      expiresSeconds: 86400,
    });
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z' +
        '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('signed GET with a Range header', () => {
    const { headers } = signV4({
      ...creds,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      now,
      headers: { range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('download URLs are path-style, presigned, and name the file', () => {
    const s = s3Storage({ endpoint: 'https://s3.example.org', bucket: 'results', ...creds }, () => now);
    const url = new URL(s.presignGet!('0b4f/CLMS_x.zip', 300, 'CLMS_x.zip'));
    expect(url.pathname).toBe('/results/0b4f/CLMS_x.zip');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="CLMS_x.zip"');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => s.presignGet!('../etc/passwd', 300, 'x')).toThrow(/bad storage key/);
  });
});

/** botocore's signature of the same request (test/python/s3_sign.py). */
function botocoreSign(q: { method: string; url: string; now: Date; expires?: number; headers?: Record<string, string> }) {
  const out = execFileSync('/usr/bin/python3', ['test/python/s3_sign.py'], {
    input: JSON.stringify({
      ...q,
      now: q.now.toISOString().replace(/\.\d{3}/, ''),
      region: 'eu-central-1',
      access_key: 'AKIDEXAMPLE',
      secret_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { url?: string; authorization?: string };
}

describe('S3 signatures (the AWS SDK: Debian python3-botocore)', () => {
  const cfg = {
    endpoint: 'http://127.0.0.1:9000',
    bucket: 'clcplus-results',
    region: 'eu-central-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
  const at = new Date('2026-11-27T10:11:12Z');

  it('a download URL is the one botocore presigns (path style, a file name with a space and quotes)', () => {
    const ours = new URL(s3Storage(cfg, () => at).presignGet!('ab12/CLMS_CLCplus_RASTER_2021.zip', 600, 'CLMS x (1).zip'));
    const url = `${ours.origin}${ours.pathname}?response-content-disposition=${encodeURIComponent('attachment; filename="CLMS x (1).zip"')}`;
    const theirs = new URL(botocoreSign({ method: 'GET', url, now: at, expires: 600 }).url!);
    expect(ours.pathname).toBe(theirs.pathname);
    expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
  });

  it('an upload is signed as botocore signs it (UNSIGNED-PAYLOAD, content type and length signed)', () => {
    const headers = { 'content-type': 'application/zip', 'content-length': '12345' };
    const url = new URL(`${cfg.endpoint}/${cfg.bucket}/ab12/CLMS.zip`);
    const ours = signV4({ ...cfg, method: 'PUT', url, now: at, headers });
    expect(ours.headers.authorization).toBe(botocoreSign({ method: 'PUT', url: url.toString(), now: at, headers }).authorization);
  });
});

describe('S3 storage against a real S3 server (s3rver)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  let server: S3rver;
  let storage: ReturnType<typeof s3Storage>;
  let clock = () => new Date();

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'results' }] });
    const { port } = await server.run();
    const cfg = {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'results',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    };
    storage = s3Storage(cfg, () => clock());
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes, describes, downloads by a presigned URL (whole and by Range) and deletes a package', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const local = path.join(dir, 'upload.zip');
    fs.writeFileSync(local, bytes);
    await storage.put('0b4f/CLMS_test.zip', local, 'application/zip');
    expect(fs.existsSync(local)).toBe(false); // uploaded, then the local copy removed
    expect((await storage.stat('0b4f/CLMS_test.zip'))?.bytes).toBe(bytes.length);

    const url = storage.presignGet!('0b4f/CLMS_test.zip', 300, 'CLMS_test.zip');
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
    const local = path.join(dir, 'small.zip');
    fs.writeFileSync(local, 'x');
    await storage.put('0b4f/small.zip', local, 'application/zip');
    clock = () => new Date(Date.now() - 10 * 60_000); // signed ten minutes ago, valid five
    const expired = storage.presignGet!('0b4f/small.zip', 300, 'small.zip');
    clock = () => new Date();
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
    const forged = new URL(storage.presignGet!('0b4f/small.zip', 300, 'small.zip'));
    forged.searchParams.set('X-Amz-Credential', forged.searchParams.get('X-Amz-Credential')!.replace('S3RVER', 'NOBODY'));
    expect((await fetch(forged)).status).toBe(403);
  });
});
