/**
 * M8 GET /v1/crm/services and GET /v1/services[?all=true] share one listing (listServices, any valid token): the suite
 * each file runs with its route. The visible services by name, in one shape (the new fields and the reference's);
 * `all`: whether the route takes `?all=true` (admins: hidden ones too) or, as the reference, takes no input at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createService } from './create-service';

export function listServicesSuite(GET: RouteHandler, path: string, opts: { all: boolean }) {
  const api = useEndpoint({ airflow: true });
  /** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const names = (r: { json: { services: { service_name: string }[] } }) => r.json.services.map((s) => s.service_name);
  const find = (r: { json: { services: { service_name: string }[] } }, name: string) =>
    r.json.services.find((s) => s.service_name === name);

  beforeAll(async () => {
    await createService(api, 'aaa_visible', { description: 'shown' });
    await createService(api, 'aaa_hidden', { visible: false });
  });

  describe(`GET ${path}`, () => {
    it('lists the visible services by name for any token, with both shapes’ fields; admins see the connection', async () => {
      const r = await api.call(GET, path, { as: 'user' });
      expect(r.status, r.text).toBe(200);
      expect(names(r)).toEqual([...names(r)].sort(byText));
      expect(names(r)).toEqual(expect.arrayContaining(['aaa_visible', 'get_product']));
      expect(names(r)).not.toContain('aaa_hidden');
      const mine = find(r, 'aaa_visible');
      expect(mine).toMatchObject({
        service_id: expect.any(String),
        engine: 'airflow',
        dag_id: 'aaa_visible_dag',
        description: 'shown',
        visible: true,
        links: { start: { href: '/v1/services/aaa_visible', method: 'POST' } },
        service_comment: 'shown',
        service_validity: true,
        service_owner_geoville: 'clcplus-backbone',
        external: true,
        date_of_creation: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      });
      expect(mine).not.toHaveProperty('airflow_connection');
      expect(mine).not.toHaveProperty('defined_in');
      // without all=true, hidden ones are not listed even for admins
      const admin = await api.call(GET, path, { as: 'admin' });
      expect(admin.status, admin.text).toBe(200);
      expect(names(admin)).toEqual(names(r));
      expect(find(admin, 'aaa_visible')).toMatchObject({ airflow_connection: 'default', defined_in: 'admin' });
    });

    if (opts.all) {
      it('all=true adds the hidden ones for admins only; all=false does not', async () => {
        const r = await api.call(GET, path, { as: 'user' });
        // all=true is for admins only: a customer still sees only the visible ones
        expect(names(await api.call(GET, `${path}?all=true`, { as: 'user' }))).toEqual(names(r));
        const admin = await api.call(GET, `${path}?all=true`, { as: 'admin' });
        expect(admin.status, admin.text).toBe(200);
        expect(names(admin)).toEqual(expect.arrayContaining(['aaa_hidden', 'aaa_visible']));
        expect(find(admin, 'aaa_hidden')).toMatchObject({ visible: false, airflow_connection: 'default', defined_in: 'admin' });
        expect(names(await api.call(GET, `${path}?all=false`, { as: 'admin' }))).not.toContain('aaa_hidden');
      });

      it('bad input: 400 naming the field, nothing written', async () => {
        for (const [query, detail] of [
          ['all=yes', /^all:/],
          ['all=1', /^all:/],
          ['colour=red', /colour/],
        ] as const) {
          api.expectProblem(await api.unchanged(() => api.call(GET, `${path}?${query}`, { as: 'admin' })), 400, detail);
        }
      });
    } else {
      it('takes no input: query parameters are ignored and nothing is written', async () => {
        const r = await api.unchanged(() => api.call(GET, `${path}?all=true`, { as: 'admin' }));
        expect(r.status, r.text).toBe(200);
        expect(names(r)).not.toContain('aaa_hidden');
      });
    }

    it('any valid token may list (stranger too, visible only); no token or a bad one is 401', async () => {
      const r = await api.call(GET, path, { as: 'stranger' });
      expect(r.status, r.text).toBe(200);
      expect(names(r)).toContain('aaa_visible');
      expect(names(r)).not.toContain('aaa_hidden');
      api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
      api.expectProblem(await api.unchanged(() => api.call(GET, path, { token: 'not-a-token' })), 401);
    });
  });
}
