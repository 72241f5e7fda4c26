/**
 * Results in an S3-compatible bucket (AWS, MinIO, CloudFerro…), path-style URLs, AWS Signature V4 computed here
 * (node:crypto; no SDK): uploads with a signed PUT (payload not hashed, the TLS channel protects it), HEAD, DELETE,
 * and presigned GET URLs for downloads.
 */
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { checkKey, type ResultStorage } from './result-storage';

export type S3Config = { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encPath = (p: string) => p.split('/').map(enc).join('/');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();
const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function signingKey(secret: string, date: string, region: string) {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
}

/**
 * Signs a request (SigV4). `query` mode returns the presigned URL; header mode returns the headers to send.
 * Exported for the test against AWS's published example.
 */
export function signV4(opts: {
  method: string;
  url: URL;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
  expiresSeconds?: number;
  headers?: Record<string, string>;
  payloadHash?: string;
}): { url: string; headers: Record<string, string> } {
  const datetime = amzDate(opts.now);
  const date = datetime.slice(0, 8);
  const scope = `${date}/${opts.region}/s3/aws4_request`;
  const headers: Record<string, string> = { host: opts.url.host, ...opts.headers };
  const payloadHash = opts.payloadHash ?? 'UNSIGNED-PAYLOAD';
  const presign = opts.expiresSeconds !== undefined;
  if (!presign) {
    headers['x-amz-date'] = datetime;
    headers['x-amz-content-sha256'] = payloadHash;
  }
  const names = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const signedHeaders = names.join(';');
  const query = new Map(opts.url.searchParams);
  if (presign) {
    query.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    query.set('X-Amz-Credential', `${opts.accessKeyId}/${scope}`);
    query.set('X-Amz-Date', datetime);
    query.set('X-Amz-Expires', String(opts.expiresSeconds));
    query.set('X-Amz-SignedHeaders', signedHeaders);
  }
  const canonicalQuery = [...query.entries()]
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    opts.method,
    encPath(decodeURIComponent(opts.url.pathname)),
    canonicalQuery,
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', datetime, scope, sha256(canonical)].join('\n');
  const signature = hmac(signingKey(opts.secretAccessKey, date, opts.region), toSign).toString('hex');
  if (presign) {
    return {
      url: `${opts.url.origin}${encPath(decodeURIComponent(opts.url.pathname))}?${canonicalQuery}&X-Amz-Signature=${signature}`,
      headers: {},
    };
  }
  const out = { ...headers };
  delete out.host;
  out.authorization = `AWS4-HMAC-SHA256 Credential=${opts.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { url: opts.url.toString(), headers: out };
}

export function s3Storage(cfg: S3Config, now: () => Date = () => new Date()): ResultStorage {
  const urlOf = (key: string, query = '') => {
    checkKey(key);
    return new URL(`${cfg.endpoint.replace(/\/$/, '')}/${enc(cfg.bucket)}/${encPath(key)}${query}`);
  };
  const call = async (method: string, key: string, init: { body?: Readable; headers?: Record<string, string> } = {}) => {
    const signed = signV4({
      method,
      url: urlOf(key),
      region: cfg.region,
      accessKeyId: cfg.accessKeyId,
      secretAccessKey: cfg.secretAccessKey,
      now: now(),
      headers: init.headers,
    });
    return fetch(signed.url, {
      method,
      headers: signed.headers,
      body: init.body ? (Readable.toWeb(init.body) as ReadableStream) : undefined,
      ...(init.body ? { duplex: 'half' } : {}),
    } as RequestInit);
  };
  return {
    kind: 's3',
    async put(key, localFile, contentType) {
      const { size } = await fs.promises.stat(localFile);
      const res = await call('PUT', key, {
        body: fs.createReadStream(localFile),
        headers: { 'content-type': contentType, 'content-length': String(size) },
      });
      if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      await fs.promises.rm(localFile, { force: true });
    },
    async stat(key) {
      const res = await call('HEAD', key);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 HEAD ${key}: ${res.status}`);
      return { bytes: Number(res.headers.get('content-length')), modified: new Date(res.headers.get('last-modified') ?? 0) };
    },
    async delete(key) {
      const res = await call('DELETE', key);
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
    },
    presignGet(key, seconds, fileName) {
      const url = urlOf(key, `?response-content-disposition=${enc(`attachment; filename="${fileName}"`)}`);
      return signV4({
        method: 'GET',
        url,
        region: cfg.region,
        accessKeyId: cfg.accessKeyId,
        secretAccessKey: cfg.secretAccessKey,
        now: now(),
        expiresSeconds: seconds,
      }).url;
    },
  };
}
