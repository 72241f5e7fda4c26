/** POST /oauth/token: RFC 6749 client_credentials (Basic or post); errors in RFC 6749 §5.2 JSON, not problem+json. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/oauth/token/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { apiClients, auditLog } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { basic, expectOAuthError, FORM } from '../oauth-client';

const api = useEndpoint();
const path = '/oauth/token';
const post = (raw: string, headers: Record<string, string> = {}) =>
  api.call(POST, path, { method: 'POST', raw, headers: { ...FORM, ...headers } });

describe('POST /oauth/token', () => {
  it('Basic auth: a Bearer JWT with the client’s scopes; issuance audited and last_token_at set', async () => {
    const c = api.clients.user!;
    const r = await post('grant_type=client_credentials', { authorization: basic(c) });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_in: api.deps.auth.tokenTtlSeconds,
      scope: 'get_product user',
    });
    const who = await api.call(me, '/v1/auth/me', { token: r.json.access_token });
    expect(who.json).toMatchObject({ client_id: c.clientId, scope: 'get_product user' });
    const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, c.clientId));
    expect(row!.lastTokenAt).toBeInstanceOf(Date);
    const issued = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'token.issued'), eq(auditLog.actorId, c.clientId)));
    expect(issued.map((a) => (a.details as { method: string }).method)).toContain('client_secret_basic');
  });

  it('client_secret_post and a narrower scope: only the requested, allowed scopes', async () => {
    const c = api.clients.other!;
    const r = await post(
      `grant_type=client_credentials&scope=get_product&client_id=${encodeURIComponent(c.clientId)}&client_secret=${encodeURIComponent(c.clientSecret)}`,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.scope).toBe('get_product');
  });

  it('bad input: 400 invalid_request / unsupported_grant_type / invalid_scope, no token issued', async () => {
    const c = api.clients.user!;
    const auth = { authorization: basic(c) };
    expectOAuthError(await post('', auth), 400, 'invalid_request', /grant_type is required/);
    expectOAuthError(await post('grant_type=password', auth), 400, 'unsupported_grant_type', /client_credentials/);
    expectOAuthError(await post('grant_type=client_credentials&scope=admin', auth), 400, 'invalid_scope');
    expectOAuthError(
      await post(`grant_type=client_credentials&client_secret=${c.clientSecret}`, auth),
      400,
      'invalid_request',
      /exactly one/,
    );
    // Not a form: refused before anything is read or written.
    const json = await api.unchanged(() =>
      api.call(POST, path, { body: { grant_type: 'client_credentials' }, headers: { authorization: basic(c) } }),
    );
    expectOAuthError(json, 400, 'invalid_request', /x-www-form-urlencoded/);
    const refused = await api.db.select().from(auditLog).where(eq(auditLog.action, 'token.refused'));
    expect(refused.map((a) => (a.details as { error: string }).error).sort()).toEqual([
      'invalid_request',
      'invalid_request',
      'invalid_scope',
      'unsupported_grant_type',
    ]);
  });

  it('no credentials, a wrong secret or a disabled client is 401 invalid_client', async () => {
    const c = api.clients.reader!;
    const none = await post('grant_type=client_credentials');
    expectOAuthError(none, 401, 'invalid_client', /client authentication is required/);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="clcplus"');
    const wrong = await post('grant_type=client_credentials', { authorization: basic({ ...c, clientSecret: 'wrong' }) });
    expectOAuthError(wrong, 401, 'invalid_client', /unknown client or wrong secret/);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="clcplus"');
    expectOAuthError(
      await post('grant_type=client_credentials', { authorization: 'Basic bm8tY29sb24' }),
      401,
      'invalid_client',
      /malformed Basic credentials/,
    );

    const gone = await api.client('gone', ['user']);
    await api.db.update(apiClients).set({ disabledAt: new Date() }).where(eq(apiClients.clientId, gone.clientId));
    expectOAuthError(
      await post('grant_type=client_credentials', { authorization: basic(gone) }),
      401,
      'invalid_client',
      /disabled/,
    );
    const issued = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'token.issued'), eq(auditLog.actorId, c.clientId)));
    expect(issued).toHaveLength(1); // only the kit's
  });
});
