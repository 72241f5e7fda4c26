/** Services: the automatic workflows clients and operators can order (get_product, ingestion, Airflow chains…). */
import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { timestamps, tstz } from './_columns';
import { serviceEngine } from './enums';

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable name used in URLs and the legacy API (e.g. `get_product`). */
    name: varchar('name', { length: 64 }).notNull().unique(),
    title: varchar('title', { length: 256 }).notNull(),
    description: text('description').notNull().default(''),
    engine: serviceEngine('engine').notNull(),
    /** The DAG that runs it: a file in dags/ (embedded) or an Airflow dag_id. */
    dagId: varchar('dag_id', { length: 250 }).notNull(),
    dagVersion: integer('dag_version').notNull().default(1),
    /** JSON Schema of the parameters (derived from the DAG's zod schema, or registered for Airflow DAGs). */
    parameterSchema: jsonb('parameter_schema').$type<Record<string, unknown>>().notNull().default({}),
    /** Scopes that may start it (any one of them; `admin` always may). */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Listed to clients (OGC processes, legacy service list) and in the console's forms. */
    visible: boolean('visible').notNull().default(true),
    /** What one order of it runs for: nothing in particular, one production unit, or one sub-production unit. */
    unitKind: varchar('unit_kind', { length: 32 })
      .$type<'none' | 'production_unit' | 'sub_production_unit'>()
      .notNull()
      .default('none'),
    /** Airflow services: the name of the Airflow connection that runs it (AIRFLOW_CONNECTIONS / airflow_connections). */
    airflowConnection: varchar('airflow_connection', { length: 64 }),
    /**
     * `code`: defined in server/services/catalogue.ts and synced by the seed; `admin`: added by an administrator
     * (an Airflow DAG), whose parameters are the JSON Schema in `parameter_schema`.
     */
    origin: varchar('origin', { length: 8 }).$type<'code' | 'admin'>().notNull().default('code'),
    /** Fields of a code-defined service an administrator changed: the seed keeps them (e.g. `{visible,dag_id}`). */
    adminSet: text('admin_set')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The reference's M11 fields, kept for its service object (M8–M10): who owns it (null: this system's code)… */
    owner: varchar('owner', { length: 256 }),
    /** …whether it is valid (`service_validity`)… */
    valid: boolean('valid').notNull().default(true),
    /** …and whether it runs outside (`external`; null: whether its engine is Airflow). */
    external: boolean('external'),
    ...timestamps(),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    check('services_origin_check', sql`${t.origin} in ('code', 'admin')`),
    check('services_name_check', sql`${t.name} ~ '^[a-z][a-z0-9_]*$'`),
    check('services_dag_id_check', sql`${t.dagId} ~ '^[A-Za-z0-9_.-]+$'`),
    check('services_unit_kind_check', sql`${t.unitKind} in ('none', 'production_unit', 'sub_production_unit')`),
  ],
);

export type Service = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
