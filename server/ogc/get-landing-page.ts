/**
 * `GET /ogc`: the landing page of OGC API – Processes. Public, like the conformance declaration, so that a client
 * (OWSLib, QGIS) can find out what this is before it has a token; it links the API definitions (`/ogc/api` in
 * OpenAPI 3.0 for the oas30 class, `/openapi.json` in OpenAPI 3.1 for the whole server), its interactive documentation (`/docs`), the token endpoint the other resources need, the
 * conformance declaration, the processes and the job list.
 */
import { env, publicUrl } from '../env.js';
import { JSON_TYPE, ogcBase, REL, self, type Link } from './links';

export function getLandingPage() {
  const root = publicUrl(env);
  const base = ogcBase();
  const links: Link[] = [
    self(base, 'this document'),
    {
      href: `${base}/api`,
      rel: 'service-desc',
      type: 'application/vnd.oai.openapi+json;version=3.0',
      title: 'the API definition of /ogc (OpenAPI 3.0)',
    },
    {
      href: `${root}/openapi.json`,
      rel: 'service-desc',
      type: 'application/vnd.oai.openapi+json;version=3.1',
      title: 'the API definition of the whole server (OpenAPI 3.1)',
    },
    { href: `${root}/docs`, rel: 'service-doc', type: 'text/html', title: 'the API documentation' },
    { href: `${base}/conformance`, rel: REL.conformance, type: JSON_TYPE, title: 'conformance classes this server implements' },
    { href: `${base}/processes`, rel: REL.processes, type: JSON_TYPE, title: 'the processes (bearer token)' },
    { href: `${base}/jobs`, rel: REL.jobList, type: JSON_TYPE, title: 'your jobs (bearer token)' },
    {
      href: `${root}/oauth/metadata`,
      rel: 'related',
      type: JSON_TYPE,
      title: 'OAuth 2.0 server metadata: the token endpoint (client credentials) for the bearer token',
    },
  ];
  return {
    title: 'CLC+ Backbone processing',
    description:
      'OGC API – Processes 1.0 over the CLC+ Backbone order engine: the product clips (area, nation, Europe) and the production services. A job is an order; the same order is visible at /v1/services/order_status/{id}.',
    links,
  };
}
