/** GET /v1/webhooks/deliveries: the caller's deliveries and their attempts, newest first, keyset-paged. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/webhooks/deliveries/route';
import { notificationDeliveries } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks/deliveries';
const DEST = 'https://93.184.215.14/hook';

async function ping(apiClientId: string, at: string) {
  const [d] = await api.db
    .insert(notificationDeliveries)
    .values({
      apiClientId,
      channel: 'webhook',
      eventType: 'ping',
      destination: DEST,
      payload: { type: 'ping', timestamp: at, data: {} },
      createdAt: new Date(at),
      nextAttemptAt: new Date(at),
    })
    .returning();
  return d!;
}

describe('GET /v1/webhooks/deliveries', () => {
  it('lists the caller’s deliveries newest first, in pages with a next link', async () => {
    const me = api.clients.user!;
    const a = await ping(me.id, '2026-01-01T10:00:00.000Z');
    const b = await ping(me.id, '2026-01-01T11:00:00.000Z');
    const c = await ping(me.id, '2026-01-01T12:00:00.000Z');
    await ping(api.clients.other!.id, '2026-01-01T13:00:00.000Z');

    const r = await api.call(GET, `${path}?limit=2`, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.deliveries.map((d: { delivery_id: string }) => d.delivery_id)).toEqual([c.id, b.id]);
    expect(r.json.deliveries[0]).toMatchObject({
      channel: 'webhook',
      event_type: 'ping',
      order_id: null,
      destination: DEST,
      state: 'pending',
      created_at: '2026-01-01T12:00:00.000Z',
      next_attempt_at: '2026-01-01T12:00:00.000Z',
      finished_at: null,
      attempts: [],
      message_id: expect.any(String),
    });
    expect(r.json.links.next).toMatch(/^\/v1\/webhooks\/deliveries\?limit=2&cursor=/);

    const r2 = await api.call(GET, r.json.links.next, { as: 'user' });
    expect(r2.status, r2.text).toBe(200);
    expect(r2.json.deliveries.map((d: { delivery_id: string }) => d.delivery_id)).toEqual([a.id]);
    expect(r2.json).toMatchObject({ next_cursor: null, links: { next: null } });
  });

  it('bad input: 400 naming the field', async () => {
    for (const [q, detail] of [
      ['limit=0', /^limit:/],
      ['limit=101', /^limit:/],
      ['order_id=42', /^order_id: an order id/],
      ['cursor=***', /^cursor:/],
      ['sort=asc', /sort/],
    ] as const) {
      api.expectProblem(await api.unchanged(() => api.call(GET, `${path}?${q}`, { as: 'user' })), 400, detail);
    }
  });

  it('another client’s client_id is 404 for a non-admin, an admin sees it; no token 401', async () => {
    const other = api.clients.other!;
    api.expectProblem(await api.call(GET, `${path}?client_id=${other.clientId}`, { as: 'user' }), 404, /^client_id:/);
    const r = await api.call(GET, `${path}?client_id=${other.clientId}`, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.deliveries).toHaveLength(1);
    expect(r.json.deliveries[0].created_at).toBe('2026-01-01T13:00:00.000Z');
    api.expectProblem(await api.call(GET, path), 401);
  });
});
