// The file server of test/http-files.ts, in a process of its own (GDAL's reads block the test's event loop, so the
// server must not share it): `node test/http-files-server.mjs <dir>` prints `listening <url>`, then one JSON line per
// request ({method, path, range, status}).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { URL } from 'node:url';

const dir = path.resolve(process.argv[2] ?? '.');
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = path.join(dir, decodeURIComponent(url.pathname));
  /** @param {number} status @param {http.OutgoingHttpHeaders} [headers] @param {fs.ReadStream} [body] */
  const answer = (status, headers = {}, body) => {
    process.stdout.write(
      `${JSON.stringify({ method: req.method, path: url.pathname, range: req.headers.range ?? null, status })}\n`,
    );
    res.writeHead(status, headers);
    if (body && req.method !== 'HEAD') body.pipe(res);
    else res.end();
  };
  if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return answer(404);
  const size = fs.statSync(file).size;
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!m) return answer(200, { 'content-length': size, 'accept-ranges': 'bytes' }, fs.createReadStream(file));
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : size - 1, size - 1);
  if (start > end) return answer(416, { 'content-range': `bytes */${size}` });
  answer(
    206,
    { 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' },
    fs.createReadStream(file, { start, end }),
  );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`listening http://127.0.0.1:${port}/\n`);
});
