/**
 * The web process: the Next.js production server (`next start` equivalent) behind a thin Node HTTP server.
 * Why not plain `next start`: Next.js drops `Content-Length` from every route-handler response (its sendResponse
 * treats the header as unsafe to forward), and package downloads need it (progress bars, resumable downloads,
 * HEAD). A route that knows its exact body length says so in `x-body-length`; here it becomes `Content-Length`
 * just before the headers go out. It also hands the TCP peer's address to the app (`x-clcplus-peer-address`), which
 * Next.js does not expose to route handlers.
 *   node --import tsx scripts/web.ts [--host H] [--port P]
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { env } from '~/server/env.js';
import { PEER_HEADER } from '~/server/http/client-ip';

const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
const host = values.host ?? env.HOST;
const port = Number(values.port ?? env.PORT);

const app = next({ dev: false, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  // The TCP peer, for the client address (server/http/client-ip.ts); whatever a client sent under this name is replaced.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === PEER_HEADER) req.rawHeaders.splice(i, 2);
  }
  if (req.socket.remoteAddress) req.headers[PEER_HEADER] = req.socket.remoteAddress;
  else delete req.headers[PEER_HEADER];
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
server.listen(port, host, () => console.log(`▲ ready on http://${host}:${port}`));
// Stop taking requests, let running ones finish (keep-alive connections would hold close() forever), 10 s at most.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
