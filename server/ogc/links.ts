/** Where the OGC API lives (PUBLIC_URL + /ogc) and the link objects its documents carry. */
import { env, publicUrl } from '../env.js';

export const ogcBase = () => `${publicUrl(env)}/ogc`;

export type Link = { href: string; rel: string; type?: string; title?: string };

export const JSON_TYPE = 'application/json';

/** OGC link relations (http://www.opengis.net/def/rel/ogc/1.0/…). */
export const REL = {
  conformance: 'http://www.opengis.net/def/rel/ogc/1.0/conformance',
  processes: 'http://www.opengis.net/def/rel/ogc/1.0/processes',
  jobList: 'http://www.opengis.net/def/rel/ogc/1.0/job-list',
  executeUrl: 'http://www.opengis.net/def/rel/ogc/1.0/execute',
  processDescription: 'http://www.opengis.net/def/rel/ogc/1.0/processes',
  results: 'http://www.opengis.net/def/rel/ogc/1.0/results',
} as const;

export const self = (href: string, title?: string): Link => ({ href, rel: 'self', type: JSON_TYPE, ...(title ? { title } : {}) });
