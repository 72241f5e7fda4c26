/** Package downloads served (app/downloads/[token]/route.ts), by method and status class. */
import { counter } from './registry';

export const downloads = counter({
  name: 'clcplus_downloads_total',
  help: 'Package download requests answered, by method (GET, HEAD) and status (200, 206, 304, 4xx, 5xx…)',
  labelNames: ['method', 'status'] as const,
});

export const countDownload = (method: string, status: number) =>
  downloads.inc({
    method: method === 'HEAD' ? 'HEAD' : 'GET',
    status: status < 400 ? String(status) : `${Math.floor(status / 100)}xx`,
  });
