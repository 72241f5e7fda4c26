/**
 * The web process: the Next.js production server (`next start` equivalent) behind a thin Node HTTP server.
 * Why not plain `next start`: Next.js drops `Content-Length` from every route-handler response (its sendResponse
 * treats the header as unsafe to forward), and package downloads need it (progress bars, resumable downloads,
 * HEAD). A route that knows its exact body length says so in `x-body-length`; here it becomes `Content-Length`
 * just before the headers go out. It also hands the TCP peer's address to the app (`x-clcplus-peer-address`), which
 * Next.js does not expose to route handlers.
 * It runs WEB_CONCURRENCY processes (default: one per core) with node:cluster: the primary forks them, they share
 * the listening socket (the primary hands connections out round-robin), a process that dies is replaced, and a
 * SIGTERM to the primary (or to the whole process group) stops them all gracefully. State that must be shared
 * between processes (rate limits, sessions, keys, queues) lives in PostgreSQL and Redis, never in a process.
 * /metrics sums the processes' own metrics through the primary (server/metrics/cluster.ts).
 *   node --import tsx scripts/web.ts [--host H] [--port P]
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { env } from '~/server/env.js';
import { AppError } from '~/server/errors';
import { FORWARDED_HEADER, PEER_HEADER } from '~/server/http/client-ip';
import { corsFor, parseCorsOrigins } from '~/server/http/cors';
import { problemResponse } from '~/server/http/problem';
import { aggregateClusterMetrics, answerClusterCollects } from '~/server/metrics/cluster';
import { collectProcessMetrics } from '~/server/metrics/registry';

const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
const host = values.host ?? env.HOST;
const port = Number(values.port ?? env.PORT);

if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) runPrimary(env.WEB_CONCURRENCY);
else await serve();

/** Forks the web processes, replaces one that dies (unless they keep dying at start), stops them on SIGTERM. */
function runPrimary(processes: number) {
  let stopping = false;
  let listening = 0;
  const crashes: number[] = [];
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    if (++listening === processes) console.log(`▲ ready on http://${host}:${port} (${processes} processes)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A process that fails before it listens (port in use, bad build) would fail again: give up, with its code.
    const now = Date.now();
    crashes.push(now);
    while (crashes[0]! < now - 60_000) crashes.shift();
    if (listening < processes || crashes.length > 5) {
      console.error(`web process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); stopping`);
      stopAll(code || 1);
      return;
    }
    console.error(`web process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`);
    fork();
  });
  const stopAll = (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(exitCode), 12_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  process.on('SIGTERM', () => stopAll());
  process.on('SIGINT', () => stopAll());
  aggregateClusterMetrics();
  for (let i = 0; i < processes; i++) fork();
}

async function serve() {
  collectProcessMetrics();
  if (cluster.isWorker) answerClusterCollects();
  const app = next({ dev: false, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const corsPolicy = parseCorsOrigins(env.CORS_ORIGINS);

  const server = http.createServer((req, res) => {
    // The TCP peer, for the client address (server/http/client-ip.ts), and whether the request came through a proxy
    // (before Next.js adds X-Forwarded-For of its own); whatever a client sent under these names is replaced.
    for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      if (name === PEER_HEADER || name === FORWARDED_HEADER) req.rawHeaders.splice(i, 2);
    }
    if (req.socket.remoteAddress) req.headers[PEER_HEADER] = req.socket.remoteAddress;
    else delete req.headers[PEER_HEADER];
    if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) req.headers[FORWARDED_HEADER] = '1';
    else delete req.headers[FORWARDED_HEADER];
    // Cross-origin API calls (server/http/cors.ts): a preflight is answered here; other responses get the headers.
    const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
    const cors = corsFor(corsPolicy, {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      origin: one(req.headers.origin),
      requestMethod: one(req.headers['access-control-request-method']),
      requestHeaders: one(req.headers['access-control-request-headers']),
    });
    if (cors.kind === 'preflight') {
      if (cors.status === 204) res.writeHead(204, cors.headers).end();
      else {
        const requestId = one(req.headers['x-request-id']) ?? crypto.randomUUID();
        const problem = problemResponse(new AppError('FORBIDDEN', cors.detail!, { reason: 'CORS_ORIGIN_NOT_ALLOWED' }), {
          requestId,
        });
        void problem
          .text()
          .then((body) => res.writeHead(problem.status, { ...Object.fromEntries(problem.headers), ...cors.headers }).end(body));
      }
      return;
    }
    if (cors.kind === 'headers') for (const [k, v] of Object.entries(cors.headers)) res.setHeader(k, v);
    const writeHead = res.writeHead;
    res.writeHead = function (this: http.ServerResponse, ...args: Parameters<http.ServerResponse['writeHead']>) {
      const length = this.getHeader('x-body-length');
      if (length !== undefined) {
        this.removeHeader('x-body-length');
        if (!this.hasHeader('content-encoding')) {
          this.removeHeader('transfer-encoding');
          this.setHeader('content-length', String(length));
        }
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    void handle(req, res);
  });
  // Longer than the idle timeout of common proxies and HTTP clients (60 s), so an idle keep-alive connection is never
  // closed by us at the moment a client reuses it (which clients see as a reset request).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT)` : e.message);
    process.exit(1);
  });
  // In a cluster the primary says it once every process listens.
  server.listen(port, host, () => cluster.isPrimary && console.log(`▲ ready on http://${host}:${port}`));
  // Stop taking requests, let running ones finish (keep-alive connections would hold close() forever), 10 s at most.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
