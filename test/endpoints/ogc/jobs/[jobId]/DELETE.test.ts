/**
 * DELETE /ogc/jobs/{jobId}: dismiss — /conf/dismiss/job-dismiss-op, job-dismiss-success. A job in progress is
 * aborted (the one abort path: the worker stops it), a finished one removed from the API's job list.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE, GET } from '~/app/ogc/jobs/[jobId]/route';
import { GET as list } from '~/app/ogc/jobs/route';
import { GET as legacy } from '~/app/v1/services/order_status/[order_id]/route';
import { orderEvents, orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { advance, expectOgc, expectOgcProblem, newJob, OGC_EXCEPTIONS } from '../../ogc-kit';

const api = useEndpoint({ products: true });
const at = (jobId: string) => ({ path: `/ogc/jobs/${jobId}`, params: { jobId } });
const del = (id: string, as: string | null) => api.call(DELETE, at(id).path, { as, method: 'DELETE', params: at(id).params });
const listed = async (as: string) =>
  expectOgc(await api.call(list, '/ogc/jobs?limit=10000', { as }), 200, 'jobList').jobs.map((j: { jobID: string }) => j.jobID);

describe('DELETE /ogc/jobs/{jobId}', () => {
  it('dismisses a running job: 200 statusInfo dismissed, the order ABORTED (its work stopped), still listed', async () => {
    const id = await newJob(api, 'user');
    await advance(api, id, 'RUNNING');
    const job = expectOgc(await del(id, 'user'), 200, 'statusInfo');
    expect(job).toMatchObject({ jobID: id, status: 'dismissed', finished: expect.any(String) });
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ status: 'ABORTED', dismissedAt: null });
    const events = await api.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
    expect(events.at(-1)).toMatchObject({ toStatus: 'ABORTED', message: expect.stringMatching(/^cancelled by client:/) });
    expect(
      (await api.call(legacy, `/v1/services/order_status/${id}`, { as: 'user', params: { order_id: id } })).json.status,
    ).toBe('ABORTED');
    expect(expectOgc(await api.call(GET, at(id).path, { as: 'user', params: at(id).params }), 200, 'statusInfo').status).toBe(
      'dismissed',
    );
    expect(await listed('user')).toContain(id);
    // Dismissing it again removes it.
    expect(expectOgc(await del(id, 'user'), 200, 'statusInfo').status).toBe('dismissed');
    expectOgcProblem(await api.call(GET, at(id).path, { as: 'user', params: at(id).params }), 404, OGC_EXCEPTIONS.noSuchJob);
  });

  it('removes a finished job from the API: 200 dismissed, then no-such-job, gone from the list; the order stays', async () => {
    const id = await newJob(api, 'user');
    await advance(api, id, 'SUCCESS');
    expect(await listed('user')).toContain(id);
    expect(expectOgc(await del(id, 'user'), 200, 'statusInfo')).toMatchObject({ jobID: id, status: 'dismissed' });
    expectOgcProblem(await api.call(GET, at(id).path, { as: 'user', params: at(id).params }), 404, OGC_EXCEPTIONS.noSuchJob);
    expect(await listed('user')).not.toContain(id);
    expectOgcProblem(await del(id, 'user'), 404, OGC_EXCEPTIONS.noSuchJob);
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(o).toMatchObject({ status: 'SUCCESS', dismissedAt: expect.any(Date) });
  });

  it('an unknown id is 404 no-such-job, another client’s job too (untouched); no token 401', async () => {
    const id = await newJob(api, 'user');
    for (const [jobId, as] of [
      ['00000000-0000-4000-8000-000000000000', 'user'],
      [id, 'other'],
      [id, 'stranger'],
    ] as const) {
      expectOgcProblem(await api.unchanged(() => del(jobId, as)), 404, OGC_EXCEPTIONS.noSuchJob, /no job/);
    }
    expectOgcProblem(await api.unchanged(() => del(id, null)), 401, /^https:\/\//);
    const [o] = await api.db.select().from(orders).where(eq(orders.id, id));
    expect(['RECEIVED', 'QUEUED']).toContain(o!.status);
  });
});
