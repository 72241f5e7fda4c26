/** C2 GET /v1/config/airflow: each installed Airflow-backed service and the DAG it triggers, by name (admin). */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/config/airflow/route';
import { DELETE as remove } from '~/app/v1/crm/services/delete/name/[service_name]/route';
import { useEndpoint } from '~/test/endpoint';
import { createService } from '../../services/create-service';

const api = useEndpoint({ airflow: true });
/** Code-point order (what the lists' ORDER BY gives for these ASCII names). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const path = '/v1/config/airflow';
beforeAll(async () => {
  await createService(api, 'aaa_visible', { description: 'shown' });
  await createService(api, 'aaa_hidden', { visible: false });
});

describe('GET /v1/config/airflow', () => {
  it('lists the Airflow services (hidden too, deleted not) with their DAG call and connection', async () => {
    await createService(api, 'zzz_gone');
    const gone = await api.call(remove, '/v1/crm/services/delete/name/zzz_gone', {
      as: 'admin',
      method: 'DELETE',
      params: { service_name: 'zzz_gone' },
    });
    expect(gone.status).toBe(204);
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const list = r.json.airflow_configuration as { service_name: string }[];
    const names = list.map((e) => e.service_name);
    expect(names).toEqual([...names].sort(byText));
    expect(names).not.toContain('zzz_gone');
    expect(list.find((e) => e.service_name === 'aaa_hidden')).toEqual({
      service_name: 'aaa_hidden',
      command: 'POST /dags/aaa_hidden_dag/dagRuns',
      description: '',
      dag_id: 'aaa_hidden_dag',
      airflow_connection: 'default',
    });
    expect(list.find((e) => e.service_name === 'aaa_visible')).toMatchObject({ description: 'shown', dag_id: 'aaa_visible_dag' });
  });

  it('has no input: an unknown query parameter changes nothing, nothing is written', async () => {
    const r = await api.unchanged(() => api.call(GET, `${path}?colour=red`, { as: 'admin' }));
    expect(r.status, r.text).toBe(200);
    expect(r.json.airflow_configuration.length).toBeGreaterThanOrEqual(2);
  });

  it('a customer’s token and a token without the scope are 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, {})), 401);
  });
});
