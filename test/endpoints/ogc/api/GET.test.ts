/** GET /ogc/api: the OGC part's API definition in OpenAPI 3.0 (public) — /conf/oas30/oas-definition-1. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/api/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();

describe('GET /ogc/api', () => {
  it('answers an OpenAPI 3.0 document of the /ogc paths without a token, for any origin', async () => {
    const r = await api.call(GET, '/ogc/api');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.json.openapi).toBe('3.0.3');
    const paths = Object.keys(r.json.paths);
    expect(paths).toContain('/ogc/processes/{processId}/execution');
    expect(paths.filter((p) => !p.startsWith('/ogc'))).toEqual([]);
    expect(r.json.servers[0].url).toMatch(/^http/);
  });

  it('writes nothing, whatever the query', async () => {
    await api.unchanged(() => api.call(GET, '/ogc/api?f=yaml&x=%00'));
  });
});
