/**
 * Prism (@stoplight/prism-cli) as a request-validating mock of an official Airflow spec (test/contracts/airflow/): a
 * request that breaks the spec is answered 4xx with the violation. In front of it a small proxy: v1's spec declares
 * its paths without the `/api/v1` server prefix, so the proxy strips it; and, for v2, it serves POST /auth/token
 * (not a path of the v2 spec, see test/contracts/airflow/README.md) in the Airflow 3 documentation's shape.
 */
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { specFile, type ApiVersion } from './airflow-spec';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });

export async function startPrism(v: ApiVersion) {
  const port = await freePort();
  const bin = path.resolve(import.meta.dirname, '../node_modules/.bin/prism');
  const child = spawn(bin, ['mock', '--errors', '-h', '127.0.0.1', '-p', String(port), specFile(v)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism did not start:\n${out.slice(-2000)}`)), 60_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (/Prism is listening/.test(out)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (c) => fail(new Error(`prism exited ${c}:\n${out.slice(-2000)}`)));
  });
  const proxy = createServer((req, res) => {
    const url = req.url ?? '/';
    if (v === 'v2' && req.method === 'POST' && url === '/auth/token') {
      const exp = Math.floor(Date.now() / 1000) + 3600;
      const jwt = `e30.${Buffer.from(JSON.stringify({ sub: 'u', exp })).toString('base64url')}.sig`;
      return void res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: jwt }));
    }
    const target = v === 'v1' ? url.replace(/^\/api\/v1(?=\/)/, '') : url;
    const up = request({ host: '127.0.0.1', port, method: req.method, path: target, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    output: () => out,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise<void>((ok) => proxy.close(() => ok()));
    },
  };
}
