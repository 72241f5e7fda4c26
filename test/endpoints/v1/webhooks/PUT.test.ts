/** PUT /v1/webhooks: register or replace the caller's webhook (`{url, events?}`); the secret only on creation. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT } from '~/app/v1/webhooks/route';
import { auditLog, webhookEndpoints } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks';
const URL1 = 'https://93.184.215.14/hook';
const URL2 = 'https://93.184.215.14/other?token=abc';

describe('PUT /v1/webhooks', () => {
  it('creates the webhook (201 with a secret, stored sealed), then replaces it (200, no secret, same secret)', async () => {
    const me = api.clients.user!;
    const r = await api.call(PUT, path, { as: 'user', method: 'PUT', body: { url: URL1 } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      client_id: me.clientId,
      url: URL1,
      events: ['order.running', 'order.succeeded', 'order.failed', 'order.invalid', 'order.aborted'],
      enabled: true,
      disabled_at: null,
      previous_secret_expires_at: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const [row] = await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, me.id));
    expect(row).toMatchObject({ url: URL1, events: null });
    expect(row!.secretSealed).not.toContain(r.json.secret.slice(6));

    const r2 = await api.call(PUT, path, {
      as: 'user',
      method: 'PUT',
      body: { url: URL2, events: ['order.succeeded', 'order.failed', 'order.succeeded'] },
    });
    expect(r2.status, r2.text).toBe(200);
    expect(r2.json).toMatchObject({ url: URL2, events: ['order.succeeded', 'order.failed'] });
    expect(r2.json).not.toHaveProperty('secret');
    const [after] = await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, me.id));
    expect(after).toMatchObject({ id: row!.id, url: URL2, events: ['order.succeeded', 'order.failed'] });
    expect(after!.secretSealed).toBe(row!.secretSealed);

    const audit = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'api_client'), eq(auditLog.targetId, me.clientId)));
    expect(audit.map((a) => [a.action, a.details])).toEqual(
      expect.arrayContaining([
        ['webhook.created', { origin: 'https://93.184.215.14', events: 'all' }],
        ['webhook.replaced', { origin: 'https://93.184.215.14', events: ['order.succeeded', 'order.failed'] }],
      ]),
    );
  });

  it('an admin registers another client’s webhook with ?client_id=', async () => {
    const other = api.clients.other!;
    const r = await api.call(PUT, `${path}?client_id=${other.clientId}`, { as: 'admin', method: 'PUT', body: { url: URL1 } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.client_id).toBe(other.clientId);
    const rows = await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, other.id));
    expect(rows).toHaveLength(1);
  });

  it('bad input: 400 or 422 naming the field, nothing written', async () => {
    const cases = [
      [{}, 400, /^url:/],
      [{ url: 'not a url' }, 400, /^url: not a URL/],
      [{ url: 'ftp://93.184.215.14/x' }, 400, /^url: only http\(s\)/],
      [{ url: 'https://me:pw@93.184.215.14/x' }, 400, /^url: no user name or password/],
      [{ url: 'https://127.0.0.1/hook' }, 422, /^url:.*loopback/],
      [{ url: 'https://10.1.2.3/hook' }, 422, /^url:.*private/],
      [{ url: 'http://93.184.215.14/hook' }, 422, /^url: use https/],
      [{ url: URL1, events: ['order.created'] }, 400, /^events\.0: one of order\.running/],
      [{ url: URL1, secret: 'mine' }, 400, /secret/],
    ] as const;
    for (const [body, status, detail] of cases) {
      const r = await api.unchanged(() => api.call(PUT, path, { as: 'reader', method: 'PUT', body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('another client’s client_id is 404 for a non-admin, no token 401; nothing written', async () => {
    const admin = api.clients.admin!;
    api.expectProblem(
      await api.unchanged(() =>
        api.call(PUT, `${path}?client_id=${admin.clientId}`, { as: 'reader', method: 'PUT', body: { url: URL1 } }),
      ),
      404,
      /^client_id: no client/,
    );
    api.expectProblem(await api.unchanged(() => api.call(PUT, path, { method: 'PUT', body: { url: URL1 } })), 401);
  });
});
