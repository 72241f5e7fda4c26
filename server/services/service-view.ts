/**
 * A service as the API shows it (the legacy service list M8–M10 and `GET /v1/services`): from the `services` table
 * the seed syncs from the catalogue, with where to start it. Which Airflow connection runs it is for admins only.
 */
import type { Service } from '~/db/schema';
import { serviceDefinition } from './catalogue';

export type ServiceView = {
  service_id: string;
  service_name: string;
  title: string;
  description: string;
  version: number;
  engine: 'embedded' | 'airflow';
  dag_id: string;
  scopes: string[];
  unit: 'none' | 'production_unit' | 'sub_production_unit';
  visible: boolean;
  /** JSON Schema (draft 2020-12) of one order's parameters. */
  parameters: Record<string, unknown>;
  airflow_connection?: string | null;
  /** Admins: `code` (server/services/catalogue.ts) or `admin` (added with POST /v1/services). */
  defined_in?: 'code' | 'admin';
  /** Admins: the fields of a code-defined service an administrator changed (null in PATCH puts one back). */
  customized?: string[];
  links: { start: { href: string; method: 'POST' } };
  /** The reference's service object (M8–M10): the description, M11's fields, and when it was installed. */
  service_comment: string | null;
  service_validity: boolean;
  service_owner_geoville: string;
  external: boolean;
  /** `YYYY-MM-DDTHH:MM:SS` (UTC), as the reference wrote it. */
  date_of_creation: string;
};

/** Who owns a service defined in code (server/services/catalogue.ts), for the reference's `service_owner_geoville`. */
export const CODE_OWNER = 'clcplus-backbone';

export function toServiceView(s: Service, opts: { admin: boolean }): ServiceView {
  const route = serviceDefinition(s.name)?.route ?? `/v1/services/${s.name}`;
  return {
    service_id: s.id,
    service_name: s.name,
    title: s.title,
    description: s.description,
    version: s.dagVersion,
    engine: s.engine,
    dag_id: s.dagId,
    scopes: s.scopes,
    unit: s.unitKind,
    visible: s.visible,
    parameters: s.parameterSchema,
    // The connection that runs it (unset: the one named `default`).
    ...(opts.admin
      ? {
          airflow_connection: s.engine === 'airflow' ? (s.airflowConnection ?? 'default') : null,
          defined_in: s.origin,
          customized: s.adminSet,
        }
      : {}),
    links: { start: { href: route, method: 'POST' } },
    service_comment: s.description || null,
    service_validity: s.valid,
    service_owner_geoville: s.owner ?? CODE_OWNER,
    external: s.external ?? s.engine === 'airflow',
    date_of_creation: s.createdAt.toISOString().slice(0, 19),
  };
}
