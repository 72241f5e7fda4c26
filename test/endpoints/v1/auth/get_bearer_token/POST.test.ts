/** POST /v1/auth/get_bearer_token: legacy `{user_id, client_secret}` → a client_credentials token. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/auth/get_bearer_token/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { apiClients, auditLog } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/get_bearer_token';

describe('POST /v1/auth/get_bearer_token', () => {
  it('gives a working one-hour token with the client’s scopes, and audits it', async () => {
    const c = api.clients.user!;
    const r = await api.call(POST, path, { body: { user_id: c.clientId, client_secret: c.clientSecret } });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: api.deps.auth.tokenTtlSeconds });
    expect(r.json.scope.split(' ').sort()).toEqual(['get_product', 'user']);
    const who = await api.call(me, '/v1/auth/me', { token: r.json.access_token });
    expect(who.status, who.text).toBe(200);
    expect(who.json.client_id).toBe(c.clientId);
    const issued = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'token.issued'), eq(auditLog.actorId, c.clientId)));
    expect(issued.length).toBeGreaterThanOrEqual(2); // the kit's token and this one
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    const c = api.clients.user!;
    for (const [body, detail] of [
      [{ client_secret: c.clientSecret }, /^user_id:/],
      [{ user_id: c.clientId }, /^client_secret:/],
      [{ user_id: '', client_secret: c.clientSecret }, /^user_id:/],
      [{ user_id: c.clientId, client_secret: 42 }, /^client_secret:/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { body }));
      api.expectProblem(r, 400, detail);
    }
    const r = await api.unchanged(() =>
      api.call(POST, path, { raw: 'user_id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    api.expectProblem(r, 415, /JSON/);
  });

  it('a wrong secret, an unknown client or a disabled one is 401 (and the refusal audited)', async () => {
    const c = api.clients.user!;
    const wrong = await api.call(POST, path, { body: { user_id: c.clientId, client_secret: 'not-the-secret' } });
    api.expectProblem(wrong, 401, /Submitted client is invalid/);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="clcplus"');
    const unknown = await api.call(POST, path, { body: { user_id: 'nobody', client_secret: 'x' } });
    api.expectProblem(unknown, 401, /Submitted client is invalid/);

    const gone = await api.client('gone', ['user']);
    await api.db.update(apiClients).set({ disabledAt: new Date() }).where(eq(apiClients.clientId, gone.clientId));
    api.expectProblem(
      await api.call(POST, path, { body: { user_id: gone.clientId, client_secret: gone.clientSecret } }),
      401,
      /Submitted client is invalid/,
    );
    const refused = await api.db.select().from(auditLog).where(eq(auditLog.action, 'token.refused'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });
});
