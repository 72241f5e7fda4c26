/**
 * The SSRF guard of webhook destinations, when a URL is registered (or an order names one) and again before every
 * attempt:
 * - every address the host resolves to must be public unicast: not loopback, private (RFC 1918, IPv6 unique local),
 *   link-local (169.254.0.0/16, fe80::/10: where cloud metadata answers), carrier-grade NAT, multicast, unspecified,
 *   broadcast, reserved, nor an IPv6 transition range that can embed such an address (6to4, Teredo, NAT64) — unless
 *   WEBHOOK_ALLOWED_HOSTS names the host or covers the address;
 * - https, unless the destination is allow-listed (an operator's own network).
 * The syntax (http or https, no credentials) is the zod field's (webhook-url.ts). The checked addresses are returned
 * and the sender connects to them and nothing else (`pinnedLookup`): a DNS answer that changes between the check and
 * the connection (DNS rebinding) cannot reach a refused address.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors';
import type { AllowList } from './settings';

export type Address = { address: string; family: 4 | 6 };
export type CheckedDestination = { url: URL; addresses: Address[]; allowListed: boolean };
export type Resolve = (host: string) => Promise<Address[]>;

const DNS_TIMEOUT_MS = 5_000;

const WHY: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address (RFC 1918)',
  uniqueLocal: 'a private address (IPv6 unique local, fc00::/7)',
  linkLocal: 'a link-local address (169.254.0.0/16, fe80::/10: cloud metadata services answer there)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
};

const refused = (field: string, what: string) =>
  new AppError(
    'UNPROCESSABLE',
    `${field}: ${what}; webhooks go to public addresses only (an operator can allow a host with WEBHOOK_ALLOWED_HOSTS)`,
    { reason: 'UNSAFE_DESTINATION' },
  );

/** The system resolver (getaddrinfo, as a connection would use it), every address, bounded in time. */
export const systemResolve: Resolve = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('DNS timeout'), { code: 'ETIMEOUT' })), DNS_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dns.promises.lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } finally {
    clearTimeout(timer);
  }
};

const inRanges = (ip: ipaddr.IPv4 | ipaddr.IPv6, ranges: AllowList['ranges']) =>
  ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));

export async function checkDestination(
  raw: string,
  allow: AllowList,
  field: string,
  resolve: Resolve = systemResolve,
): Promise<CheckedDestination> {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const literal = ipaddr.isValid(host);
  let addresses: Address[];
  if (literal) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'no answer';
      throw new AppError('UNPROCESSABLE', `${field}: the host ${host} does not resolve (${code})`, {
        reason: 'UNRESOLVABLE_DESTINATION',
      });
    }
    if (!addresses.length) {
      throw new AppError('UNPROCESSABLE', `${field}: the host ${host} has no address`, { reason: 'UNRESOLVABLE_DESTINATION' });
    }
  }
  const hostListed = allow.hosts.has(host);
  let allowListed = true;
  for (const a of addresses) {
    const ip = ipaddr.process(a.address); // an IPv4-mapped IPv6 address is checked as the IPv4 address it is
    if (hostListed || inRanges(ip, allow.ranges)) continue;
    allowListed = false;
    const range = ip.range();
    if (range === 'unicast') continue;
    const why = WHY[range] ?? `a reserved address (${range})`;
    throw refused(field, literal ? `${a.address} is ${why}` : `${host} resolves to ${a.address}, ${why}`);
  }
  if (url.protocol !== 'https:' && !allowListed) {
    throw new AppError('UNPROCESSABLE', `${field}: use https (plain http only to hosts in WEBHOOK_ALLOWED_HOSTS)`, {
      reason: 'UNSAFE_DESTINATION',
    });
  }
  return { url, addresses, allowListed };
}

/**
 * A `lookup` for http.request that answers with the checked addresses only: the connection goes where the check
 * looked, whatever the DNS says now.
 */
export function pinnedLookup(addresses: Address[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : options;
    const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const list = wanted.length ? wanted : addresses;
    if (typeof options === 'object' && options.all) {
      (callback as (e: null, list: Address[]) => void)(null, list);
    } else callback(null, list[0]!.address, list[0]!.family);
  };
}
