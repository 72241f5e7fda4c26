/**
 * One service of the catalogue, defined once: what it is, which engine runs it (an embedded DAG in dags/, or an
 * Airflow DAG through a configured connection), the zod schema of its parameters (from which the API validation and
 * the JSON Schema for the console and OGC API – Processes derive), the scopes that may start it (any one; `admin`
 * always may), what one order runs for (nothing in particular, a production unit or a sub-production unit, named by
 * `unitField`), and whether clients and the console see it.
 */
import type { z } from 'zod';

export type ServiceEngine = { kind: 'embedded'; dagId: string } | { kind: 'airflow'; dagId: string; connection?: string };

export type UnitKind = 'none' | 'production_unit' | 'sub_production_unit';

export type ServiceDefinition<S extends z.ZodType = z.ZodType> = {
  /** Stable name in URLs and the legacy API (`/v1/services/<name>`). */
  name: string;
  title: string;
  description: string;
  version: number;
  engine: ServiceEngine;
  params: S;
  /** Scopes that may start it, besides `admin` (the reference's lists). */
  scopes: string[];
  unit: UnitKind;
  /** The parameter that names the unit (e.g. `processing_unit_name`); required unless `unit` is 'none'. */
  unitField?: string;
  /** Other parameters naming production units that must exist (comma-separated lists). */
  unitListFields?: string[];
  /** Parameters naming input files (a path or a list): each must lie under SOURCE_ROOTS (server/storage/source-path.ts). */
  sourceFields?: string[];
  visible: boolean;
  /** Product services have their own routes (`/v1/products/*`), which the generic trigger route refers to. */
  route?: string;
};

export const defineService = <S extends z.ZodType>(d: ServiceDefinition<S>) => Object.freeze(d);
