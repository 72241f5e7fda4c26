/** Route templates for the request metrics: parameter values become their names, never ids in labels. */
import { describe, expect, it } from 'vitest';
import { routeTemplate } from './http';

describe('routeTemplate', () => {
  it('names the parameters of the app/ route', () => {
    const id = '5f0c6a52-1f5e-4d7e-9f59-1a2b3c4d5e6f';
    expect(routeTemplate(`/v1/services/order_status/${id}/abort`, { order_id: id })).toBe(
      '/v1/services/order_status/[order_id]/abort',
    );
    expect(routeTemplate('/v1/queues/orders/pause', { queue_name: 'orders', action: 'pause' })).toBe(
      '/v1/queues/[queue_name]/[action]',
    );
    expect(routeTemplate('/downloads/abc.def%2Bx', { token: 'abc.def+x' })).toBe('/downloads/[token]');
    expect(routeTemplate('/api/auth/callback/oidc', { nextauth: 'callback/oidc' })).toBe('/api/auth/[...nextauth]');
  });

  it('keeps static routes as they are', () => {
    expect(routeTemplate('/v1/orders', {})).toBe('/v1/orders');
    expect(routeTemplate('/', {})).toBe('/');
  });
});
