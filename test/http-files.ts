/**
 * A folder served over HTTP on 127.0.0.1 the way a file server or an object store's public endpoint serves it: HEAD,
 * GET and single byte ranges (`Range: bytes=a-b`, what GDAL's /vsicurl/ asks for), 404 for what is not there. The
 * server runs in a child process (test/http-files-server.mjs): GDAL reads in the test's own process would otherwise
 * block the loop that must answer them. Every request is recorded, so a test can show a file was read remotely.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ServedRequest = { method: string; path: string; range: string | null; status: number };

export async function serveFolder(dir: string): Promise<{ url: string; requests: ServedRequest[]; close: () => Promise<void> }> {
  const child = spawn(process.execPath, [new URL('./http-files-server.mjs', import.meta.url).pathname, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const requests: ServedRequest[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the file server exited (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
      else requests.push(JSON.parse(line) as ServedRequest);
    });
  });
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
