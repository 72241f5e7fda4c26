/** POST /v1/webhooks/test: a signed `ping` to the caller's webhook, sent now (one attempt); answers the delivery. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT } from '~/app/v1/webhooks/route';
import { POST } from '~/app/v1/webhooks/test/route';
import { notificationDeliveries } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks/test';
const URL1 = 'https://93.184.215.14/hook';

describe('POST /v1/webhooks/test', () => {
  it('records a ping delivery to the webhook and answers it with its attempt', async () => {
    const me = api.clients.user!;
    expect((await api.call(PUT, '/v1/webhooks', { as: 'user', method: 'PUT', body: { url: URL1 } })).status).toBe(201);
    const r = await api.call(POST, path, { as: 'user', method: 'POST' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      channel: 'webhook',
      event_type: 'ping',
      order_id: null,
      destination: URL1,
      delivery_id: expect.any(String),
    });
    expect(r.json.attempts.length).toBeGreaterThanOrEqual(1);
    expect(r.json.attempts[0]).toMatchObject({ attempt: 1, duration_ms: expect.any(Number) });
    const rows = await api.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.apiClientId, me.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: r.json.delivery_id, eventType: 'ping', destination: URL1 });
    expect(rows[0]!.payload).toMatchObject({ type: 'ping', data: { client_id: me.clientId } });
  }, 30_000);

  it('no webhook is 404, an unknown query field 400; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'other', method: 'POST' })), 404, /has no webhook/);
    api.expectProblem(await api.unchanged(() => api.call(POST, `${path}?url=x`, { as: 'user', method: 'POST' })), 400, /url/);
  });

  it('another client’s webhook is 404 for a non-admin, no token 401; nothing written', async () => {
    const user = api.clients.user!;
    api.expectProblem(
      await api.unchanged(() => api.call(POST, `${path}?client_id=${user.clientId}`, { as: 'other', method: 'POST' })),
      404,
      /^client_id: no client/,
    );
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { method: 'POST' })), 401);
  });
});
