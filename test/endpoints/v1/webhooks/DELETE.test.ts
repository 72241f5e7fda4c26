/** DELETE /v1/webhooks: removes the caller's webhook (204); audited. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE, PUT } from '~/app/v1/webhooks/route';
import { auditLog, webhookEndpoints } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks';
const URL1 = 'https://93.184.215.14/hook';

describe('DELETE /v1/webhooks', () => {
  it('removes the webhook: 204, the row is gone, the deletion audited', async () => {
    const me = api.clients.user!;
    expect((await api.call(PUT, path, { as: 'user', method: 'PUT', body: { url: URL1 } })).status).toBe(201);
    const r = await api.call(DELETE, path, { as: 'user', method: 'DELETE' });
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    expect(await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, me.id))).toEqual([]);
    const audit = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, me.clientId), eq(auditLog.targetType, 'api_client')));
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.removed']);
  });

  it('no webhook (any more) is 404; a bad query 400; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(DELETE, path, { as: 'user', method: 'DELETE' })), 404, /has no webhook/);
    api.expectProblem(await api.unchanged(() => api.call(DELETE, `${path}?id=1`, { as: 'user', method: 'DELETE' })), 400, /id/);
  });

  it('another client’s webhook is 404 for a non-admin (and stays), no token 401', async () => {
    const other = api.clients.other!;
    expect((await api.call(PUT, path, { as: 'other', method: 'PUT', body: { url: URL1 } })).status).toBe(201);
    api.expectProblem(
      await api.unchanged(() => api.call(DELETE, `${path}?client_id=${other.clientId}`, { as: 'user', method: 'DELETE' })),
      404,
      /^client_id: no client/,
    );
    api.expectProblem(await api.unchanged(() => api.call(DELETE, path, { method: 'DELETE' })), 401);
    expect(await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, other.id))).toHaveLength(1);
  });
});
