/**
 * The base URL the documentation names (OpenAPI `servers`, the token URL, the index's links): PUBLIC_URL when it is
 * configured (behind a proxy), else this server's plain-http address as the client named it in `Host` (so that "try
 * it" in /docs calls the origin the page was loaded from, 127.0.0.1 or localhost alike, without CORS), else HOST:PORT.
 * The request URL is not used: Next.js builds it from its own host name, not the client's.
 */
import { env, publicUrl } from '../env.js';

const HOST_HEADER = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export function baseUrlOf(req: Request): string {
  if (env.PUBLIC_URL) return publicUrl(env);
  const host = req.headers.get('host');
  return host && HOST_HEADER.test(host) ? `http://${host}` : publicUrl(env);
}
