/** POST /oauth/revoke: RFC 7009; 200 whatever the token once the caller authenticated; own tokens only (admin: any). */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/oauth/revoke/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { auditLog, revokedTokens } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { expectOAuthError, formPoster } from '../oauth-client';

const api = useEndpoint();
const path = '/oauth/revoke';
const revoke = formPoster(api, POST, path);

describe('POST /oauth/revoke', () => {
  it('revokes one’s own token: deny-listed, audited, refused by the guard', async () => {
    const c = await api.client('leaving', ['user']);
    const r = await revoke(c, `token=${c.token}&token_type_hint=access_token`);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const denied = await api.db.select().from(revokedTokens).where(eq(revokedTokens.apiClientId, c.id));
    expect(denied).toHaveLength(1);
    const audit = await api.db.select().from(auditLog).where(eq(auditLog.action, 'token.revoked'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: c.clientId, targetId: denied[0]!.jti, details: { client_id: c.clientId } });
    api.expectProblem(await api.call(me, '/v1/auth/me', { as: 'leaving' }), 401);
  });

  it('another client’s token or garbage: 200 and nothing changed; an admin client may revoke any', async () => {
    const victim = await api.client('victim', ['user']);
    const r = await api.unchanged(() => revoke(api.clients.user!, `token=${victim.token}`));
    expect(r.status, r.text).toBe(200);
    expect((await api.call(me, '/v1/auth/me', { as: 'victim' })).status).toBe(200);
    expect((await api.unchanged(() => revoke(api.clients.user!, 'token=garbage'))).status).toBe(200);

    expect((await revoke(api.clients.admin!, `token=${victim.token}`)).status).toBe(200);
    api.expectProblem(await api.call(me, '/v1/auth/me', { as: 'victim' }), 401);
  });

  it('bad input: no token is 400 invalid_request, an unknown hint 400 unsupported_token_type; nothing written', async () => {
    const c = api.clients.user!;
    expectOAuthError(
      await api.unchanged(() => revoke(c, 'token_type_hint=access_token')),
      400,
      'invalid_request',
      /token parameter/,
    );
    expectOAuthError(
      await api.unchanged(() => revoke(c, `token=${c.token}&token_type_hint=id_token`)),
      400,
      'unsupported_token_type',
    );
    expect((await api.call(me, '/v1/auth/me', { as: 'user' })).status).toBe(200);
  });

  it('no credentials or a wrong secret is 401 invalid_client; the token stays valid', async () => {
    const c = api.clients.reader!;
    const none = await api.unchanged(() => revoke(null, `token=${c.token}`));
    expectOAuthError(none, 401, 'invalid_client', /client authentication is required/);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="clcplus"');
    expectOAuthError(
      await api.unchanged(() => revoke({ ...c, clientSecret: 'wrong' }, `token=${c.token}`)),
      401,
      'invalid_client',
      /unknown client or wrong secret/,
    );
    expect((await api.call(me, '/v1/auth/me', { as: 'reader' })).status).toBe(200);
  });
});
