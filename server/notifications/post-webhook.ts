/**
 * One signed POST to a webhook destination: the destination checked (check-destination.ts) and connected to at the
 * checked addresses only; no redirect followed (a 3xx is an answer like any other, not a success); bounded by the
 * attempt timeout (10 s); a fresh connection each time (no pooled socket to a host resolved earlier). Never throws:
 * the outcome is an HTTP status or the error, with the duration and the answer's first 1 KB.
 */
import http from 'node:http';
import https from 'node:https';
import { isAppError } from '../errors';
import { checkDestination, pinnedLookup, type Resolve } from './check-destination';
import type { AllowList } from './settings';

export const RESPONSE_EXCERPT_BYTES = 1024;

export type AttemptOutcome = {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  response: string | null;
  /** The destination was refused before any connection (SSRF guard). */
  refused?: boolean;
};

/** Text that PostgreSQL can store (no NUL, no broken surrogate), at most `max` characters. */
export const storableExcerpt = (bytes: Buffer, max = RESPONSE_EXCERPT_BYTES) =>
  bytes
    .toString('utf8') // invalid bytes become U+FFFD: no lone surrogate, except where the cut below splits a pair
    // eslint-disable-next-line no-control-regex -- NUL cannot be stored in text
    .replace(/\u0000/g, '')
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, '');

export async function postWebhook(o: {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowList: AllowList;
  timeoutMs: number;
  resolve?: Resolve;
}): Promise<AttemptOutcome> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  let checked;
  try {
    checked = await checkDestination(o.url, o.allowList, 'destination', o.resolve);
  } catch (e) {
    return {
      statusCode: null,
      error: isAppError(e) ? e.detail : String(e),
      durationMs: elapsed(),
      response: null,
      refused: true,
    };
  }
  const { url, addresses } = checked;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let done = false;
    const finish = (r: Omit<AttemptOutcome, 'durationMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: elapsed() });
    };
    const req = client.request(url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(addresses),
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(o.body)),
        'user-agent': 'clcplus-webhooks/1',
        ...o.headers,
      },
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `no answer within ${o.timeoutMs / 1000} s`, response: null });
      req.destroy();
    }, o.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({ statusCode: null, error: e.code ? `${e.code}: ${e.message}` : e.message, response: null }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const end = () => {
        finish({ statusCode: res.statusCode ?? null, error: null, response: storableExcerpt(Buffer.concat(chunks)) || null });
        res.destroy();
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        length += c.length;
        if (length >= RESPONSE_EXCERPT_BYTES) end();
      });
      res.on('end', end);
      res.on('error', end);
      res.on('close', end);
    });
    req.end(o.body);
  });
}
