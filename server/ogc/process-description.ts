/**
 * A service of the catalogue as an OGC process: its summary (`GET /ogc/processes`) and its description
 * (`GET /ogc/processes/{id}`). Inputs are the properties of the service's parameter schema — the JSON Schema the API
 * validates with (`services.parameter_schema`), in OpenAPI 3.0 spelling (oas30-schema.ts) — each required one with
 * minOccurs 1. The legacy `user_id` and `callback_url` are not inputs (the owner is the token's client; OGC has
 * `subscriber`). Outputs: a product service's `package` (the zip, by reference: a signed download link), a production
 * service's `result` (the results of its tasks, by value).
 */
import type { Service } from '~/db/schema';
import { serviceDefinition } from '../services/catalogue';
import { JSON_TYPE, ogcBase, REL, self, type Link } from './links';
import { toOas30Schema } from './oas30-schema';

type Json = Record<string, unknown>;

/** Body fields of the legacy routes that are not OGC inputs. */
const NOT_INPUTS = new Set(['user_id', 'callback_url', 'service_name']);

/** What the product inputs mean (their zod schemas carry the checks, not the prose). */
const INPUT_TEXT: Record<string, { title: string; description: string }> = {
  product: { title: 'Product', description: '"Raster" (10 m COG GeoTIFF) or "Vector" (GeoPackage), case-insensitive.' },
  aoi: {
    title: 'Area of interest',
    description:
      'A WKT or GeoJSON (Multi)Polygon in EPSG:4326, or a bbox [minLon, minLat, maxLon, maxLat] (also as an OGC bbox object {"bbox": [...]} in CRS84). Measured in EPSG:3035; limited in area and pixels.',
  },
  roi_id: { title: 'Saved ROI', description: 'A region of interest saved with POST /v1/rois, in place of aoi.' },
  product_year: { title: 'Reference year', description: 'The product year (default: the newest available).' },
  format: { title: 'Package format', description: 'GTiff for the raster, GPKG for the vector product (the default).' },
  nation: { title: 'Nation', description: 'A nation name from GET /v1/products/nations; delivered in its national CRS.' },
};

export type ProcessKind = 'product' | 'production';
export const processKind = (name: string): ProcessKind => (serviceDefinition(name)?.route ? 'product' : 'production');

/** The one output of each kind of process. */
export const OUTPUTS: Record<ProcessKind, { id: string; description: Json }> = {
  product: {
    id: 'package',
    description: {
      title: 'Package',
      description:
        'The zip package (COG GeoTIFF or GeoPackage with styles, legend, ISO 19115 metadata and a STAC Item), by reference: a signed link that expires with the package and needs the same bearer token.',
      schema: { type: 'string', format: 'binary', contentMediaType: 'application/zip' },
    },
  },
  production: {
    id: 'result',
    description: {
      title: 'Result',
      description: "The results of the service's tasks (paths, digests, reports), as the legacy status records them.",
      schema: { type: 'object', contentMediaType: JSON_TYPE },
    },
  },
};

const processLinks = (name: string): Link[] => {
  const href = `${ogcBase()}/processes/${encodeURIComponent(name)}`;
  return [
    { href, rel: REL.processDescription, type: JSON_TYPE, title: 'process description' },
    { href: `${href}/execution`, rel: REL.executeUrl, type: JSON_TYPE, title: 'execute (POST)' },
  ];
};

export function toProcessSummary(s: Service) {
  const kind = processKind(s.name);
  return {
    id: s.name,
    title: s.title,
    description: s.description,
    version: `${s.dagVersion}.0.0`,
    keywords: [kind === 'product' ? 'product' : 'production', s.engine],
    jobControlOptions: ['async-execute', 'dismiss'],
    outputTransmission: [kind === 'product' ? 'reference' : 'value'],
    links: processLinks(s.name),
  };
}

export function toProcessDescription(s: Service) {
  const schema = s.parameterSchema as Json;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const inputs: Record<string, Json> = {};
  for (const [id, prop] of Object.entries(properties)) {
    if (NOT_INPUTS.has(id)) continue;
    const converted = toOas30Schema(prop, schema);
    const text = INPUT_TEXT[id];
    inputs[id] = {
      title: text?.title ?? (typeof prop.title === 'string' ? prop.title : id),
      ...(text || typeof prop.description === 'string' ? { description: text?.description ?? (prop.description as string) } : {}),
      minOccurs: required.has(id) ? 1 : 0,
      maxOccurs: 1,
      schema: converted,
    };
  }
  const kind = processKind(s.name);
  const summary = toProcessSummary(s);
  return {
    ...summary,
    inputs,
    outputs: { [OUTPUTS[kind].id]: OUTPUTS[kind].description },
    links: [
      self(`${ogcBase()}/processes/${encodeURIComponent(s.name)}`, 'this document'),
      ...summary.links.slice(1),
      {
        href: `${ogcBase().replace(/\/ogc$/, '')}/v1/services/${encodeURIComponent(s.name)}`,
        rel: 'related',
        type: JSON_TYPE,
        title: 'the same service in the legacy API',
      },
    ],
  };
}
