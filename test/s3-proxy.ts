/**
 * A tiny HTTP proxy on 127.0.0.1 in front of a real S3 server, for tests: it records every request as it went over
 * the wire (method, path and query, headers, body size and SHA-256, the answer's status and body) and can inject a
 * transient fault into chosen requests — a 5xx answer or a connection reset — the way a flaky network or an
 * overloaded server would. Everything else is forwarded unchanged (same Host header, so signatures stay valid).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type S3Operation =
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'HeadObject'
  | 'GetObject'
  | 'DeleteObject'
  | 'other';

export type SeenRequest = {
  operation: S3Operation;
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  sha256: string;
  /** The upstream's status, the injected one, or 0 for a reset connection. */
  status: number;
  answer: string;
};

/** What to do with a request: forward it (undefined), answer with this 5xx status, or reset the connection. */
export type Fault = undefined | 500 | 503 | 'reset';

/** The S3 operation a path-style request is (by method and query, as S3 routes them). */
export function operationOf(method: string, url: URL): S3Operation {
  const q = url.searchParams;
  if (method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'PUT' && q.has('uploadId')) return 'UploadPart';
  if (method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload';
  if (q.has('uploads') || q.has('uploadId')) return 'other';
  return ({ PUT: 'PutObject', HEAD: 'HeadObject', GET: 'GetObject', DELETE: 'DeleteObject' } as const)[method] ?? 'other';
}

export async function s3Proxy(upstream: string, fault: (req: SeenRequest, seen: SeenRequest[]) => Fault = () => undefined) {
  const target = new URL(upstream);
  const seen: SeenRequest[] = [];
  // A failure while proxying (the client or S3 gone) ends that connection, as a real proxy would.
  const server = http.createServer((req, res) => void proxy(req, res).catch(() => req.socket.destroy()));
  async function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const entry: SeenRequest = {
      operation: operationOf(req.method!, url),
      method: req.method!,
      url,
      headers: req.headers,
      body,
      sha256: createHash('sha256').update(body).digest('hex'),
      status: 0,
      answer: '',
    };
    const injected = fault(entry, seen);
    seen.push(entry);
    if (injected === 'reset') return req.socket.destroy();
    if (injected) {
      entry.status = injected;
      entry.answer = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${injected === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>injected by the test proxy</Message></Error>`;
      return res.writeHead(injected, { 'content-type': 'application/xml' }).end(entry.answer);
    }
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => void relay(up).catch(() => req.socket.destroy()),
    );
    const relay = async (up: http.IncomingMessage) => {
      const answer: Buffer[] = [];
      for await (const c of up) answer.push(c as Buffer);
      entry.status = up.statusCode ?? 0;
      entry.answer = Buffer.concat(answer).toString('utf8');
      res.writeHead(entry.status, up.headers).end(Buffer.concat(answer));
    };
    out.on('error', () => req.socket.destroy());
    out.end(body);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** The requests of one operation, in order. */
    of: (operation: S3Operation) => seen.filter((r) => r.operation === operation),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
