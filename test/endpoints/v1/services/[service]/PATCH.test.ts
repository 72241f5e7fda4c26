/** PATCH /v1/services/{service}: an admin changes a service (code-defined ones: only what their engine allows). */
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PATCH } from '~/app/v1/services/[service]/route';
import { auditLog, services } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (service: string) => ({ path: `/v1/services/${service}`, params: { service } });
const row = async (name: string) =>
  (
    await api.db
      .select()
      .from(services)
      .where(and(eq(services.name, name), isNull(services.deletedAt)))
  )[0]!;

describe('PATCH /v1/services/{service}', () => {
  it('changes an Airflow service’s description and visibility; stored, marked customised, audited; null puts it back', async () => {
    const { path, params } = at('harmonics');
    const r = await api.call(PATCH, path, {
      as: 'admin',
      method: 'PATCH',
      params,
      body: { description: 'Seasonality, per tile', visible: false },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ service_name: 'harmonics', description: 'Seasonality, per tile', visible: false });
    expect(await row('harmonics')).toMatchObject({
      description: 'Seasonality, per tile',
      visible: false,
      adminSet: ['description', 'visible'],
    });
    const audit = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service.updated'), eq(auditLog.targetId, 'harmonics')));
    expect(audit).toHaveLength(1);

    const back = await api.call(PATCH, path, { as: 'admin', method: 'PATCH', params, body: { visible: null } });
    expect(back.status, back.text).toBe(200);
    expect(back.json.visible).toBe(true);
    expect((await row('harmonics')).adminSet).toEqual(['description']);
  });

  it('bad input: 400 naming the field (an embedded service allows only visible), 404 unknown; nothing written', async () => {
    const cases = [
      [
        'product_qc',
        { description: 'x' },
        400,
        /^description: product_qc is an embedded service defined in code; an administrator may change only visible/,
      ],
      ['harmonics', { visible: 'yes' }, 400, /^visible:/],
      ['harmonics', { colour: 'red' }, 400, /colour/],
      ['harmonics', {}, 400, /^\(body\): name at least one field to change$/],
      ['nope', { visible: true }, 404, /^service: there is no service nope/],
    ] as const;
    for (const [name, body, status, detail] of cases) {
      const { path, params } = at(name);
      const r = await api.unchanged(() => api.call(PATCH, path, { as: 'admin', method: 'PATCH', params, body }));
      api.expectProblem(r, status, detail);
    }
  });

  it('a user token is 403, a token without the scope 403, no token 401; nothing written', async () => {
    const { path, params } = at('harmonics');
    const body = { visible: false };
    for (const as of ['user', 'stranger'])
      api.expectProblem(await api.unchanged(() => api.call(PATCH, path, { as, method: 'PATCH', params, body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(PATCH, path, { method: 'PATCH', params, body })), 401);
  });
});
