import { describe, expect, it } from 'vitest';
import { PEER_HEADER, clientIpOf, compileTrustedProxies } from './client-ip';

/** A request as the app sees it behind scripts/web.ts: the peer header set from the socket, the rest from the client. */
const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer) headers.set(PEER_HEADER, peer);
  if (forwardedFor !== undefined) headers.set('x-forwarded-for', forwardedFor);
  return { headers };
};
const nobody = compileTrustedProxies('');

describe('client address', () => {
  it('without trusted proxies: the TCP peer, whatever X-Forwarded-For says', () => {
    expect(clientIpOf(request('203.0.113.7'), nobody)).toBe('203.0.113.7');
    expect(clientIpOf(request('203.0.113.7', '6.6.6.6'), nobody)).toBe('203.0.113.7');
    expect(clientIpOf(request('::ffff:203.0.113.7', '6.6.6.6, 7.7.7.7'), nobody)).toBe('203.0.113.7');
    expect(clientIpOf(request('2001:db8::1', '6.6.6.6'), nobody)).toBe('2001:db8::1');
  });

  it('behind a trusted proxy: the right-most untrusted hop; a forged left part is never reached', () => {
    const trust = compileTrustedProxies('10.0.0.0/8, 127.0.0.1');
    // The proxy (10.0.0.2) appended the address it saw; the client had forged 6.6.6.6 before it.
    expect(clientIpOf(request('10.0.0.2', '6.6.6.6, 198.51.100.4'), trust)).toBe('198.51.100.4');
    // Two trusted proxies in a row.
    expect(clientIpOf(request('127.0.0.1', '6.6.6.6, 198.51.100.4, 10.1.2.3'), trust)).toBe('198.51.100.4');
    // A request that reaches us directly, not through the proxy: its X-Forwarded-For is not believed.
    expect(clientIpOf(request('198.51.100.9', '6.6.6.6'), trust)).toBe('198.51.100.9');
    // No header: the proxy itself.
    expect(clientIpOf(request('10.0.0.2'), trust)).toBe('10.0.0.2');
  });

  it('a hop that is not an address gives the last proxy, not the text', () => {
    const trust = compileTrustedProxies('loopback');
    expect(clientIpOf(request('127.0.0.1', 'unknown'), trust)).toBe('127.0.0.1');
    expect(clientIpOf(request('127.0.0.1', "1.2.3.4'; drop table x"), trust)).toBe('127.0.0.1');
  });

  it('outside the web server (no peer header): loopback, never a client header', () => {
    expect(clientIpOf(request(null, '6.6.6.6'), compileTrustedProxies('0.0.0.0/1, 128.0.0.0/1'))).toBe('127.0.0.1');
  });

  it('refuses a malformed TRUSTED_PROXIES list', () => {
    expect(() => compileTrustedProxies('10.0.0.0/33')).toThrow();
    expect(() => compileTrustedProxies('proxy.example.org')).toThrow();
  });
});
