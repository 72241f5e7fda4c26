/** DELETE /v1/auth/clients/delete/{client_id} (admin): disables the client; its tokens stop working at once. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE } from '~/app/v1/auth/clients/delete/[client_id]/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { apiClients, auditLog } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { clientIdCases } from '../../../client-id-cases';

const api = useEndpoint();
const at = (id: string) => `/v1/auth/clients/delete/${id}`;

describe('DELETE /v1/auth/clients/delete/{client_id}', () => {
  it('disables the client (the row stays), audits it, and its token is refused', async () => {
    const c = await api.client('doomed', ['user']);
    expect((await api.call(me, '/v1/auth/me', { as: 'doomed' })).status).toBe(200);
    const r = await api.call(DELETE, at(c.clientId), { as: 'admin', method: 'DELETE', params: { client_id: c.clientId } });
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, c.clientId));
    expect(row!.disabledAt).toBeInstanceOf(Date);
    const audit = await api.db.select().from(auditLog).where(eq(auditLog.action, 'client.disabled'));
    expect(audit.map((a) => a.targetId)).toEqual([c.clientId]);
    api.expectProblem(await api.call(me, '/v1/auth/me', { as: 'doomed' }), 401);
    // Others are untouched.
    expect((await api.call(me, '/v1/auth/me', { as: 'user' })).status).toBe(200);
  });

  clientIdCases(api, DELETE, at, {
    method: 'DELETE',
    target: 'other',
    afterRefused: async (id) => {
      const [row] = await api.db.select().from(apiClients).where(eq(apiClients.clientId, id));
      expect(row!.disabledAt).toBeNull();
    },
  });
});
