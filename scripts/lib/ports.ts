import net from 'node:net';

/** Exits with a clear message when host:port is taken (instead of a child crashing with EADDRINUSE later). */
export async function ensurePortFree(host: string, port: number, variable: string): Promise<void> {
  if (port === 0) return;
  const free = await new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
  if (!free) {
    console.error(`✗ ${host}:${port} is already in use (another \`npm start\`?). Stop it, or set ${variable} to another port.`);
    process.exit(1);
  }
}
