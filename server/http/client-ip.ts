/**
 * The client's address, for per-IP rate limits and the audit trail. A request's headers are the client's to write,
 * so none of them is believed on its own:
 * - the web server (scripts/web.ts) puts the TCP peer's address in `x-clcplus-peer-address`, replacing any header of
 *   that name a client sent;
 * - without TRUSTED_PROXIES that peer address is the client's address, and `X-Forwarded-For` is ignored;
 * - with TRUSTED_PROXIES (addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`), `X-Forwarded-For` is walked from
 *   the right, past the trusted hops, to the first address that is not a trusted proxy (proxy-addr, as Express does):
 *   whatever a client writes to the left of that is never reached.
 * Outside scripts/web.ts (unit tests, `next dev`) there is no peer header: the address is then 127.0.0.1.
 */
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import { env } from '../env.js';

export const PEER_HEADER = 'x-clcplus-peer-address';
/**
 * Set by scripts/web.ts to `1` when the client's request carried X-Forwarded-For or Forwarded (it came through a
 * proxy). Next.js adds its own X-Forwarded-For to every request it hands a route, so a route cannot tell by itself.
 */
export const FORWARDED_HEADER = 'x-clcplus-forwarded';

export type TrustProxy = (address: string, hop: number) => boolean;

/** Compiles a TRUSTED_PROXIES list (comma-separated); an empty list trusts nobody. */
export const compileTrustedProxies = (list: string): TrustProxy => {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.length ? proxyaddr.compile(entries) : () => false;
};

let configured: TrustProxy | undefined;
const fromEnv = () => (configured ??= compileTrustedProxies(env.TRUSTED_PROXIES));

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) → `192.0.2.1`. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

export function clientIpOf(req: { headers: Headers }, trust: TrustProxy = fromEnv()): string {
  const peer = req.headers.get(PEER_HEADER);
  if (!peer) return '127.0.0.1';
  const forwarded = req.headers.get('x-forwarded-for');
  if (!forwarded) return plain(peer);
  const like = {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: { 'x-forwarded-for': forwarded },
  };
  const client = plain(proxyaddr(like as unknown as Parameters<typeof proxyaddr>[0], trust));
  // A hop that is not an address (a proxy wrote "unknown"…): the last proxy is the best we know.
  return isIP(client) ? client : plain(peer);
}
