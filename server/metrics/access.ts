/**
 * Who may scrape /metrics (web and worker): a client on an allowed network (METRICS_ALLOW_FROM, default loopback),
 * or anyone with an access token carrying the `metrics` scope. A request that came through a proxy (it has
 * X-Forwarded-For or Forwarded) is never let in by its network: behind a proxy on the same machine every visitor
 * would look like loopback. `METRICS_ALLOW_FROM=none` makes the token the only way in.
 */
import proxyaddr from 'proxy-addr';
import { AppError } from '../errors';

export const METRICS_SCOPE = 'metrics';

export type ScrapeRequest = {
  /** The TCP peer's address, or undefined when unknown. */
  peer: string | undefined;
  authorization: string | null;
  proxied: boolean;
};

export type AllowFrom = (address: string) => boolean;

export function compileAllowFrom(list: string): AllowFrom {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0 || (entries.length === 1 && entries[0] === 'none')) return () => false;
  const trust = proxyaddr.compile(entries);
  return (address) => trust(address, 0);
}

/** Throws UNAUTHORIZED / FORBIDDEN unless the request may read the metrics. `verify` checks a bearer token's scopes. */
export async function authorizeScrape(
  req: ScrapeRequest,
  allowFrom: AllowFrom,
  verify: (authorization: string) => Promise<{ scopes: string[] }>,
): Promise<void> {
  if (!req.authorization) {
    if (req.peer && !req.proxied && allowFrom(req.peer)) return;
    throw new AppError(
      'UNAUTHORIZED',
      'metrics need an access token with the metrics scope, or a request from an allowed network',
    );
  }
  const caller = await verify(req.authorization);
  if (!caller.scopes.includes(METRICS_SCOPE)) {
    throw new AppError('FORBIDDEN', 'metrics need the metrics scope', {
      reason: 'insufficient_scope',
      headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${METRICS_SCOPE}"` },
    });
  }
}
