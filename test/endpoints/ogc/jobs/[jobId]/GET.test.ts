/**
 * GET /ogc/jobs/{jobId}: the statusInfo — /conf/core/job-op, job-success, job-exception-no-such-job; the same state
 * as the legacy /v1/services/order_status/{id}.
 */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/jobs/[jobId]/route';
import { GET as legacy } from '~/app/v1/services/order_status/[order_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { advance, expectOgc, expectOgcProblem, newJob, OGC_EXCEPTIONS } from '../../ogc-kit';

const api = useEndpoint({ products: true });
const at = (jobId: string) => ({ path: `/ogc/jobs/${jobId}`, params: { jobId } });
const OGC_OF: Record<string, string> = {
  RECEIVED: 'accepted',
  QUEUED: 'accepted',
  RUNNING: 'running',
  SUCCESS: 'successful',
  FAILED: 'failed',
};

describe('GET /ogc/jobs/{jobId}', () => {
  it('follows the order through its life, showing what the legacy status shows', async () => {
    for (const end of ['SUCCESS', 'FAILED'] as const) {
      const id = await newJob(api, 'user');
      for (const step of ['RECEIVED', 'RUNNING', end] as const) {
        if (step !== 'RECEIVED') await advance(api, id, step === 'RUNNING' ? 'RUNNING' : end);
        const r = await api.call(GET, at(id).path, { as: 'user', params: at(id).params });
        const job = expectOgc(r, 200, 'statusInfo');
        const old = (await api.call(legacy, `/v1/services/order_status/${id}`, { as: 'user', params: { order_id: id } })).json;
        expect(job).toMatchObject({ jobID: id, processID: 'get_product', status: OGC_OF[old.status], progress: old.progress });
        expect(job.created).toBe(old.submitted_at);
        expect(job.started ?? null).toBe(old.started_at);
        expect(job.finished ?? null).toBe(old.stopped_at);
        if (step === 'RECEIVED') expect(['RECEIVED', 'QUEUED']).toContain(old.status);
        else expect(old.status).toBe(step === 'RUNNING' ? 'RUNNING' : end);
      }
      const last = expectOgc(await api.call(GET, at(id).path, { as: 'user', params: at(id).params }), 200, 'statusInfo');
      if (end === 'SUCCESS')
        expect(last.links.map((l: { rel: string }) => l.rel)).toContain('http://www.opengis.net/def/rel/ogc/1.0/results');
      else expect(last.message).toMatch(/^failed: gdal could not read the store/);
    }
  });

  it('an unknown or malformed id is 404 no-such-job naming it; nothing written', async () => {
    for (const id of ['not-a-job', '00000000-0000-4000-8000-000000000000']) {
      const r = await api.unchanged(() => api.call(GET, at(id).path, { as: 'user', params: at(id).params }));
      expectOgcProblem(r, 404, OGC_EXCEPTIONS.noSuchJob, new RegExp(`no job ${id}`));
    }
  });

  it('another client’s job is 404 no-such-job (an admin sees it); no token 401', async () => {
    const id = await newJob(api, 'user');
    expectOgcProblem(await api.call(GET, at(id).path, { as: 'other', params: at(id).params }), 404, OGC_EXCEPTIONS.noSuchJob);
    expectOgc(await api.call(GET, at(id).path, { as: 'admin', params: at(id).params }), 200, 'statusInfo');
    expectOgcProblem(await api.call(GET, at(id).path, { params: at(id).params }), 401, /^https:\/\//);
  });
});
