/** O4 GET /v1/roi/user/{user_id}: a customer's ROIs, the caller's own (client_id or customer id), admins any. */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/roi/user/[user_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { createRoi } from '../../../rois/roi-fixture';

const api = useEndpoint();
const get = (userId: string, as?: string) => api.call(GET, `/v1/roi/user/${userId}`, { as, params: { user_id: userId } });

beforeAll(async () => {
  await createRoi(api, { name: 'b' });
  await createRoi(api, { name: 'a' });
  await createRoi(api, { name: 'o' }, 'other');
});

describe('GET /v1/roi/user/{user_id}', () => {
  it('lists the caller’s ROIs by name, by client_id or customer id; an admin may ask for any customer', async () => {
    const me = api.clients.user!;
    for (const v of [me.clientId, me.customerId]) {
      const r = await get(v, 'user');
      expect(r.status, r.text).toBe(200);
      expect(r.json.rois.map((x: { name: string }) => x.name)).toEqual(['a', 'b']);
      expect(r.json.rois.every((x: { customer_id: string }) => x.customer_id === me.customerId)).toBe(true);
    }
    const r = await get(api.clients.other!.clientId, 'admin');
    expect(r.json.rois.map((x: { name: string }) => x.name)).toEqual(['o']);
  });

  it('bad input: an unknown user_id is 404 naming user_id', async () => {
    api.expectProblem(await api.unchanged(() => get('no-such-client', 'user')), 404, /^user_id:/);
    api.expectProblem(await get('no-such-client', 'admin'), 404, /^user_id:/);
  });

  it('another customer is 404, wrong scope 403, no token 401', async () => {
    const other = api.clients.other!;
    api.expectProblem(await get(other.clientId, 'user'), 404, /^user_id:/);
    api.expectProblem(await get(other.customerId, 'user'), 404, /^user_id:/);
    api.expectProblem(await get(api.clients.stranger!.clientId, 'stranger'), 403, /scope/);
    api.expectProblem(await get(other.clientId), 401);
  });
});
