/** GET /ogc: the landing page (public) — /conf/core/landingpage-op, landingpage-success; /conf/json/definition. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/route';
import { useEndpoint } from '~/test/endpoint';
import { expectOgc } from './ogc-kit';

const api = useEndpoint();

describe('GET /ogc', () => {
  it('answers the landing page without a token: service-desc, service-doc, conformance, processes, job list', async () => {
    const body = expectOgc(await api.call(GET, '/ogc'), 200, 'landingPage');
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]));
    expect(rels).toMatchObject({
      self: expect.stringMatching(/\/ogc$/),
      'service-desc': expect.stringMatching(/\/openapi\.json$/),
      'service-doc': expect.stringMatching(/\/docs$/),
      'http://www.opengis.net/def/rel/ogc/1.0/conformance': expect.stringMatching(/\/ogc\/conformance$/),
      'http://www.opengis.net/def/rel/ogc/1.0/processes': expect.stringMatching(/\/ogc\/processes$/),
      'http://www.opengis.net/def/rel/ogc/1.0/job-list': expect.stringMatching(/\/ogc\/jobs$/),
    });
    for (const l of body.links) expect(l.type, l.rel).toBeTruthy();
    // Two API definitions: /ogc in OpenAPI 3.0 (the oas30 class) and the whole server in 3.1.
    const descs = body.links.filter((l: { rel: string }) => l.rel === 'service-desc');
    expect(descs.map((l: { href: string; type: string }) => [new URL(l.href).pathname, l.type])).toEqual([
      ['/ogc/api', 'application/vnd.oai.openapi+json;version=3.0'],
      ['/openapi.json', 'application/vnd.oai.openapi+json;version=3.1'],
    ]);
  });

  it('is the same with a token, and a bad query changes nothing', async () => {
    const anonymous = expectOgc(await api.call(GET, '/ogc'), 200, 'landingPage');
    const withToken = expectOgc(await api.call(GET, '/ogc', { as: 'stranger' }), 200, 'landingPage');
    expect(withToken).toEqual(anonymous);
    const json = await api.unchanged(() => api.call(GET, '/ogc?f=json'));
    expect(expectOgc(json, 200, 'landingPage')).toEqual(anonymous);
  });
});
