/**
 * Production geography and manual work: sub-production units (SPUs) group production units (10 km cells of the
 * EEA reference grid, named like `10kmE480N280`); manual task types and the manual tasks recorded per unit.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  integer,
  doublePrecision,
  index,
  pgTable,
  real,
  serial,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { multiPolygon3035 } from './_postgis';
import { timestamps, tstz } from './_columns';
import { manualTaskState } from './enums';
import { orders } from './orders';
import { services } from './services';
import { users } from './users';

export const subProductionUnits = pgTable(
  'sub_production_units',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 64 }).notNull().unique(),
    name: varchar('name', { length: 128 }).notNull(),
    partner: varchar('partner', { length: 64 }),
    geom: multiPolygon3035('geom').notNull(),
    ...timestamps(),
  },
  (t) => [index('sub_production_units_geom_idx').using('gist', t.geom)],
);

export const productionUnits = pgTable(
  'production_units',
  {
    id: serial('id').primaryKey(),
    /** Cell code of the EEA reference grid, e.g. `10kmE480N280` (easting/northing of the lower-left corner in km/10). */
    code: varchar('code', { length: 64 }).notNull().unique(),
    subProductionUnitId: integer('sub_production_unit_id').references(() => subProductionUnits.id, {
      onDelete: 'set null',
    }),
    geom: multiPolygon3035('geom').notNull(),
    areaKm2: doublePrecision('area_km2').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('production_units_geom_idx').using('gist', t.geom),
    index('production_units_spu_idx').on(t.subProductionUnitId),
    check('production_units_area_check', sql`${t.areaKm2} > 0`),
  ],
);

/** Catalogue of manual steps (e.g. "visual QC", "manual correction"). */
export const manualTaskTypes = pgTable('manual_task_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: varchar('name', { length: 128 }).notNull().unique(),
  description: text('description').notNull().default(''),
  owner: varchar('owner', { length: 128 }),
  /** Whether a task of this type must reference the automatic order it is based on. */
  requiresOrder: boolean('requires_order').notNull().default(false),
  /** Position in the production workflow (ordering on the dashboard). */
  position: real('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
});

export const manualTasks = pgTable(
  'manual_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productionUnitId: integer('production_unit_id')
      .notNull()
      .references(() => productionUnits.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    taskTypeId: uuid('task_type_id')
      .notNull()
      .references(() => manualTaskTypes.id, { onDelete: 'restrict' }),
    state: manualTaskState('state').notNull().default('NOT_STARTED'),
    result: text('result'),
    comment: varchar('comment', { length: 2000 }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: tstz('started_at'),
    stoppedAt: tstz('stopped_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('manual_tasks_unit_service_type_key').on(t.productionUnitId, t.serviceId, t.taskTypeId),
    index('manual_tasks_service_state_idx').on(t.serviceId, t.state),
    index('manual_tasks_order_idx').on(t.orderId),
    check('manual_tasks_stopped_check', sql`(${t.state} IN ('SUCCESS', 'FAILED')) = (${t.stoppedAt} IS NOT NULL)`),
    check('manual_tasks_times_check', sql`${t.stoppedAt} IS NULL OR ${t.startedAt} IS NULL OR ${t.stoppedAt} >= ${t.startedAt}`),
  ],
);

/** Every change of a manual task: who, when, from which state to which, with the result or order it set. */
export const manualTaskEvents = pgTable(
  'manual_task_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    manualTaskId: uuid('manual_task_id')
      .notNull()
      .references(() => manualTasks.id, { onDelete: 'cascade' }),
    /** Null when the task was created. */
    fromState: manualTaskState('from_state'),
    toState: manualTaskState('to_state').notNull(),
    result: text('result'),
    orderId: uuid('order_id'),
    /** `client:<client_id>` or `user:<id>`. */
    actor: varchar('actor', { length: 160 }).notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('manual_task_events_task_idx').on(t.manualTaskId, t.at)],
);
