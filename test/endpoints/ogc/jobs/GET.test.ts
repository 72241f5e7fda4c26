/**
 * GET /ogc/jobs: the caller's jobs — /conf/job-list/* (op, success, links, type, processID, status, datetime,
 * duration, limit, processid-mandatory); dismissed ones left out; another client's never listed.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/jobs/route';
import { orders } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';
import { advance, expectOgc, expectOgcProblem, newJob, OGC_EXCEPTIONS } from '../ogc-kit';

const api = useEndpoint({ products: true });

type Job = { jobID: string; status: string; processID: string };
const ids = (body: { jobs: Job[] }) => body.jobs.map((j) => j.jobID);

describe('GET /ogc/jobs', () => {
  it('lists the caller’s jobs newest first, with processID; pages with limit and next/prev links; others never', async () => {
    const me = await api.client('jl-pages', ['get_product', 'user']);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.unshift(await newJob(api, me.name));
    await newJob(api, 'other');
    const all = expectOgc(await api.call(GET, '/ogc/jobs', { as: me.name }), 200, 'jobList');
    expect(ids(all)).toEqual(made);
    for (const j of all.jobs) expect(j).toMatchObject({ processID: 'get_product', type: 'process', status: 'accepted' });
    expect(all.links[0]).toMatchObject({ rel: 'self', type: 'application/json' });

    const p1 = expectOgc(await api.call(GET, '/ogc/jobs?limit=2', { as: me.name }), 200, 'jobList');
    expect(ids(p1)).toEqual(made.slice(0, 2));
    expect(p1.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'next']);
    const next = p1.links.find((l: { rel: string }) => l.rel === 'next').href;
    const p2 = expectOgc(await api.call(GET, next, { as: me.name }), 200, 'jobList');
    expect(ids(p2)).toEqual(made.slice(2, 4));
    const prev = p2.links.find((l: { rel: string }) => l.rel === 'prev').href;
    expect(ids(expectOgc(await api.call(GET, prev, { as: me.name }), 200, 'jobList'))).toEqual(made.slice(0, 2));
    const p3 = expectOgc(
      await api.call(GET, p2.links.find((l: { rel: string }) => l.rel === 'next').href, { as: me.name }),
      200,
      'jobList',
    );
    expect(ids(p3)).toEqual(made.slice(4));
    expect(p3.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'prev']);
  });

  it('filters by type, processID, status, datetime and duration', async () => {
    const me = await api.client('jl-filters', ['get_product']);
    const a = await newJob(api, me.name);
    const b = await newJob(api, me.name);
    const c = await newJob(api, me.name);
    await advance(api, a, 'SUCCESS');
    await advance(api, b, 'RUNNING');
    // a ran 120 s, b has run 30 s (times set as the worker would have written them).
    await api.db
      .execute(sql`update orders set received_at = now() - interval '10 minutes', started_at = now() - interval '9 minutes',
      stopped_at = now() - interval '7 minutes' where id = ${a}`);
    await api.db.execute(
      sql`update orders set received_at = now() - interval '1 minute', started_at = now() - interval '30 seconds' where id = ${b}`,
    );
    const list = async (q: string) => ids(expectOgc(await api.call(GET, `/ogc/jobs?${q}`, { as: me.name }), 200, 'jobList'));
    expect(await list('type=process')).toEqual([c, b, a]);
    expect(await list('processID=get_product_europe')).toEqual([]);
    expect(await list('processID=get_product_europe,get_product')).toEqual([c, b, a]);
    expect(await list('status=successful')).toEqual([a]);
    expect(await list('status=running&status=accepted')).toEqual([c, b]);
    expect(await list('status=failed,dismissed')).toEqual([]);
    const t = new Date(Date.now() - 5 * 60_000).toISOString();
    expect(await list(`datetime=${t}/..`)).toEqual([c, b]);
    expect(await list(`datetime=../${t}`)).toEqual([a]);
    expect(await list(`datetime=/${t}`)).toEqual([a]);
    const [row] = await api.db.select({ at: orders.receivedAt }).from(orders).where(eq(orders.id, a));
    expect(await list(`datetime=${row!.at.toISOString()}`)).toEqual([a]);
    expect(await list('minDuration=60')).toEqual([a]);
    expect(await list('maxDuration=60')).toEqual([b]);
    expect(await list('minDuration=10&maxDuration=200')).toEqual([b, a]);
  });

  it('bad input: an unknown type, status or parameter, a bad interval, limit outside 1–10000 — 400 naming it, nothing written', async () => {
    for (const [q, detail] of [
      ['type=openeo', /^type\.0: only "process"/],
      ['status=done', /^status\.0: one of accepted/],
      ['datetime=yesterday', /^datetime/],
      ['datetime=2026-02-01T00:00:00Z/2026-01-01T00:00:00Z', /^datetime: the interval ends before it starts/],
      ['minDuration=-1', /^minDuration:/],
      ['limit=0', /^limit:/],
      ['limit=10001', /^limit:/],
      ['limit=1&limit=2', /^limit: give it once/],
      ['page=2', /^page: not a field here/],
      ['cursor=Zm9v', /^cursor:/],
    ] as const) {
      const r = await api.unchanged(() => api.call(GET, `/ogc/jobs?${q}`, { as: 'user' }));
      expectOgcProblem(r, 400, OGC_EXCEPTIONS.invalidParameterValue, detail);
    }
  });

  it('another client’s jobs are not listed (an admin sees them); no token 401', async () => {
    const mine = await newJob(api, 'user');
    expect(ids(expectOgc(await api.call(GET, '/ogc/jobs?limit=10000', { as: 'other' }), 200, 'jobList'))).not.toContain(mine);
    expect(ids(expectOgc(await api.call(GET, '/ogc/jobs?limit=10000', { as: 'admin' }), 200, 'jobList'))).toContain(mine);
    expectOgcProblem(await api.unchanged(() => api.call(GET, '/ogc/jobs')), 401, /^https:\/\//);
  });
});
