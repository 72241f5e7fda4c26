/** GET /ogc/conformance: the classes claimed (public) — /conf/core/conformance-op, conformance-success. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/conformance/route';
import { useEndpoint } from '~/test/endpoint';
import { expectOgc } from '../ogc-kit';

const api = useEndpoint();

describe('GET /ogc/conformance', () => {
  it('lists core, ogc-process-description, json, oas30, job-list, dismiss and callback, not html', async () => {
    const body = expectOgc(await api.call(GET, '/ogc/conformance'), 200, 'confClasses');
    const conf = 'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/';
    expect([...body.conformsTo].sort((a: string, b: string) => a.localeCompare(b))).toEqual(
      ['callback', 'core', 'dismiss', 'job-list', 'json', 'oas30', 'ogc-process-description'].map((c) => conf + c),
    );
    expect(body.conformsTo).not.toContain(`${conf}html`);
  });

  it('needs no token; a token changes nothing', async () => {
    const r = await api.unchanged(() => api.call(GET, '/ogc/conformance', { as: 'user' }));
    expectOgc(r, 200, 'confClasses');
  });
});
