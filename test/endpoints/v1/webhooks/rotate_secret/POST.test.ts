/** POST /v1/webhooks/rotate_secret: a new secret (shown once); the old one signs beside it for 24 h. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT } from '~/app/v1/webhooks/route';
import { POST } from '~/app/v1/webhooks/rotate_secret/route';
import { webhookEndpoints } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks/rotate_secret';
const URL1 = 'https://93.184.215.14/hook';

describe('POST /v1/webhooks/rotate_secret', () => {
  it('answers a new secret; the old sealed secret becomes the previous one for 24 h', async () => {
    const me = api.clients.user!;
    const put = await api.call(PUT, '/v1/webhooks', { as: 'user', method: 'PUT', body: { url: URL1 } });
    expect(put.status, put.text).toBe(201);
    const [before] = await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, me.id));

    const t0 = Date.now();
    const r = await api.call(POST, path, { as: 'user', method: 'POST' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ client_id: me.clientId, url: URL1, secret: expect.stringMatching(/^whsec_/) });
    expect(r.json.secret).not.toBe(put.json.secret);
    const expires = Date.parse(r.json.previous_secret_expires_at);
    expect(expires - t0).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(expires - t0).toBeLessThan(24 * 3600_000 + 60_000);

    const [after] = await api.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, me.id));
    expect(after!.previousSecretSealed).toBe(before!.secretSealed);
    expect(after!.secretSealed).not.toBe(before!.secretSealed);
    expect(after!.previousSecretExpiresAt!.toISOString()).toBe(r.json.previous_secret_expires_at);
  });

  it('no webhook is 404, an unknown query field 400; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'other', method: 'POST' })), 404, /has no webhook/);
    api.expectProblem(await api.unchanged(() => api.call(POST, `${path}?force=1`, { as: 'user', method: 'POST' })), 400, /force/);
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
