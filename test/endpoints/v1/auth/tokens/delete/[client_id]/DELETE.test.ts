/** DELETE /v1/auth/tokens/delete/{client_id} (admin): every live token of the client goes on the deny-list. 204. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE } from '~/app/v1/auth/tokens/delete/[client_id]/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { apiClients, auditLog, revokedTokens } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { clientIdCases } from '../../../client-id-cases';

const api = useEndpoint();
const at = (id: string) => `/v1/auth/tokens/delete/${id}`;

describe('DELETE /v1/auth/tokens/delete/{client_id}', () => {
  it('revokes the client’s live tokens; the client itself stays enabled', async () => {
    const c = await api.client('revoked', ['user']);
    const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, c.clientId));
    const r = await api.call(DELETE, at(c.clientId), { as: 'admin', method: 'DELETE', params: { client_id: c.clientId } });
    expect(r.status, r.text).toBe(204);
    const denied = await api.db.select().from(revokedTokens).where(eq(revokedTokens.apiClientId, row!.id));
    expect(denied).toHaveLength(1);
    expect(denied[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const audit = await api.db.select().from(auditLog).where(eq(auditLog.action, 'client.tokens_revoked'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: c.clientId, details: { revoked: 1 } });
    api.expectProblem(await api.call(me, '/v1/auth/me', { as: 'revoked' }), 401);
    expect((await api.call(me, '/v1/auth/me', { as: 'user' })).status).toBe(200);
    // A new token works: the client was not disabled.
    await api.client('revoked', ['user']);
    expect((await api.call(me, '/v1/auth/me', { as: 'revoked' })).status).toBe(200);
  });

  clientIdCases(api, DELETE, at, {
    method: 'DELETE',
    target: 'other',
    afterRefused: async () => {
      expect((await api.call(me, '/v1/auth/me', { as: 'other' })).status).toBe(200);
    },
  });
});
