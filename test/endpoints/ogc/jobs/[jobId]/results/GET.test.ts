/**
 * GET /ogc/jobs/{jobId}/results — /conf/core/job-results-op, job-results-success(-async-document,
 * -async-raw-ref), job-results-exception-no-such-job, job-results-exception-results-not-ready, job-results-failed.
 */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/jobs/[jobId]/results/route';
import { GET as legacy } from '~/app/v1/services/order_status/[order_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { advance, expectOgc, expectOgcProblem, newJob, OGC_EXCEPTIONS } from '../../../ogc-kit';

const api = useEndpoint({ products: true });
const at = (jobId: string) => ({ path: `/ogc/jobs/${jobId}/results`, params: { jobId } });
const results = (id: string, as: string | null = 'user') => api.call(GET, at(id).path, { as, params: at(id).params });

describe('GET /ogc/jobs/{jobId}/results', () => {
  it('a successful job: the package by reference, the signed link the legacy status gives', async () => {
    const id = await newJob(api, 'user');
    await advance(api, id, 'SUCCESS');
    const body = expectOgc(await results(id), 200, 'results');
    const old = (await api.call(legacy, `/v1/services/order_status/${id}`, { as: 'user', params: { order_id: id } })).json;
    expect(body).toEqual({ package: { href: old.result, type: 'application/zip', title: old.package.file_name } });
  });

  it('a job executed with response raw answers the package itself (here: 410, its file was never written)', async () => {
    const id = await newJob(api, 'user', {}, {}, { response: 'raw' });
    await advance(api, id, 'SUCCESS');
    // The route serves the stored file as /downloads does; the test package has no file, so the storage says 404/410.
    const r = await results(id);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.status).toBe(410);
    expect(r.json.detail).toMatch(/package|file/i);
  });

  it('not ready: 404 result-not-ready while accepted or running', async () => {
    const id = await newJob(api, 'user');
    expectOgcProblem(
      await api.unchanged(() => results(id)),
      404,
      OGC_EXCEPTIONS.resultNotReady,
      /accepted; its results are not ready/,
    );
    await advance(api, id, 'RUNNING');
    expectOgcProblem(await results(id), 404, OGC_EXCEPTIONS.resultNotReady, /running/);
  });

  it('failed: 500 NoApplicableCode with the reason; a request that cannot be served 422 InvalidParameterValue', async () => {
    const failed = await newJob(api, 'user');
    await advance(api, failed, 'FAILED');
    expectOgcProblem(await results(failed), 500, OGC_EXCEPTIONS.noApplicableCode, /failed: gdal could not read the store/);
    const invalid = await newJob(api, 'user');
    await advance(api, invalid, 'INVALID');
    expectOgcProblem(await results(invalid), 422, OGC_EXCEPTIONS.invalidParameterValue, /could not be run: no data in the area/);
  });

  it('unknown id, or another client’s job: 404 no-such-job; no token 401', async () => {
    const id = await newJob(api, 'user');
    await advance(api, id, 'SUCCESS');
    expectOgcProblem(await results('00000000-0000-4000-8000-000000000000'), 404, OGC_EXCEPTIONS.noSuchJob);
    expectOgcProblem(await api.unchanged(() => results(id, 'other')), 404, OGC_EXCEPTIONS.noSuchJob);
    expectOgcProblem(await results(id, null), 401, /^https:\/\//);
  });
});
