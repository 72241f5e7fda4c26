/** M16 GET /v1/crm/manual_tasks: the active manual task types, in production order, in the reference's shape. */
import { describe, expect, it } from 'vitest';
import { manualTaskTypes } from '~/db/schema';
import { GET } from '~/app/v1/crm/manual_tasks/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ units: true });
const path = '/v1/crm/manual_tasks';

describe('GET /v1/crm/manual_tasks', () => {
  it('lists the seeded task types in production order', async () => {
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.tasks.map((t: { task_name: string }) => t.task_name)).toEqual([
      'Visual quality check',
      'Manual correction',
      'Final validation',
    ]);
    expect(r.json.tasks[0]).toEqual({
      task_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      task_name: 'Visual quality check',
      task_comment: 'An operator inspects the unit for artefacts.',
      task_validity: true,
      task_owner: null,
      date_of_creation: expect.any(String),
      order_id_not_required: false,
    });
    expect(r.json.tasks[2]).toMatchObject({ task_name: 'Final validation', order_id_not_required: true });
  });

  it('leaves inactive types out and places new ones by position', async () => {
    await api.db.insert(manualTaskTypes).values([
      { name: 'Retired step', position: 0.5, active: false },
      { name: 'Archive', description: 'kept', owner: 'ops', position: 4 },
    ]);
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    const names = r.json.tasks.map((t: { task_name: string }) => t.task_name);
    expect(names).not.toContain('Retired step');
    expect(names.at(-1)).toBe('Archive');
    expect(r.json.tasks.at(-1)).toMatchObject({ task_comment: 'kept', task_owner: 'ops', order_id_not_required: true });
  });

  it('a token without admin or user is 403, no token 401', async () => {
    api.expectProblem(await api.call(GET, path, { as: 'reader' }), 403, /scope/);
    api.expectProblem(await api.call(GET, path, { as: 'stranger' }), 403, /scope/);
    api.expectProblem(await api.call(GET, path), 401);
  });
});
