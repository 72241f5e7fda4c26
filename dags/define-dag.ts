/**
 * Workflow definitions. A DAG is one file in dags/ whose id is its file name: a zod schema for its parameters,
 * tasks as plain async functions with declared dependencies, retry/backoff/timeout policies, fan-out over a list,
 * and a teardown that always runs. The same definition yields the parameters' JSON Schema (service registry, API
 * docs, console forms, OGC process descriptions) and the plan the embedded engine runs on BullMQ (plan-flow.ts).
 * A DAG file imports nothing from BullMQ.
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import type { Logger } from '~/server/logging/logger';
import type { ResultStorage } from '~/server/results/result-storage';
import type { SourceRoot } from '~/server/storage/source-path';

export type RetryPolicy = { attempts: number; backoffMs: number; timeoutMs: number };

/** What tasks may use besides their parameters (given by the worker). */
export type DagServices = {
  db: Database;
  storeDir: string;
  /** Scratch space; each order works in `<workDir>/<orderId>`, removed by its teardown. */
  workDir: string;
  results: ResultStorage;
  packageTtlHours: number;
  /** The store products behind "Raster" and "Vector" (env RASTER_PRODUCT, VECTOR_PRODUCT). */
  products: { raster: string; vector: string };
  /** Where production inputs may be read from (env SOURCE_ROOTS; server/storage/source-path.ts). */
  sourceRoots: SourceRoot[];
  now: () => Date;
};

export type TaskContext<P> = {
  params: P;
  orderId: string;
  /** Results of the tasks this one needs (fan-out tasks: the list of their items' results). */
  inputs: Record<string, unknown>;
  /** Aborted when the order is cancelled or the worker must stop; long work checks it between blocks. */
  signal: AbortSignal;
  /** This task's progress, 0–100 (the order's progress moves within the task's share). */
  progress: (percent: number) => Promise<void>;
  log: Logger;
  services: DagServices;
};

export type TaskDefinition<P> = {
  /** Tasks whose results this one needs (default: none). */
  needs?: string[];
  retry?: RetryPolicy;
  /** Share of the run's time this task usually takes, relative to the others (default 1); for order progress. */
  weight?: number;
  /** Run once per item of this list (computed from the inputs); the results come back as a list. */
  fanOut?: (inputs: Record<string, unknown>, params: P) => unknown[];
  run: (ctx: TaskContext<P>, item?: unknown) => Promise<unknown>;
};

export type DagDefinition<S extends z.ZodType> = {
  id: string;
  version: number;
  description: string;
  params: S;
  retry: RetryPolicy;
  tasks: Record<string, TaskDefinition<z.infer<S>>>;
  teardown?: Omit<TaskDefinition<z.infer<S>>, 'needs' | 'fanOut'>;
};

export type Dag<S extends z.ZodType = z.ZodType> = DagDefinition<S> & {
  /** Task ids in an order where every task comes after the tasks it needs (ties by declaration order). */
  order: string[];
  /** The parameters as JSON Schema (draft 2020-12). */
  parameterSchema: Record<string, unknown>;
};

export const task = <P>(
  def: Partial<Pick<TaskDefinition<P>, 'needs'>> & Omit<TaskDefinition<P>, 'needs'>,
): TaskDefinition<P> => ({
  needs: [],
  ...def,
});

const TASK_ID = /^[a-z][a-z0-9-]*$/;

/** Validates the definition (ids, dependencies, no cycle) and derives its order and parameter schema. */
export function defineDag<S extends z.ZodType>(def: DagDefinition<S>): Dag<S> {
  const ids = Object.keys(def.tasks);
  if (!/^[a-z][a-z0-9_]*$/.test(def.id)) throw new Error(`DAG id "${def.id}": lower-case letters, digits and _`);
  if (!Number.isInteger(def.version) || def.version < 1) throw new Error(`DAG ${def.id}: version must be a positive integer`);
  for (const id of ids) {
    if (!TASK_ID.test(id)) throw new Error(`DAG ${def.id}: task id "${id}" must be kebab-case`);
    for (const need of def.tasks[id]!.needs ?? []) {
      if (!def.tasks[need]) throw new Error(`DAG ${def.id}: task ${id} needs unknown task ${need}`);
    }
  }
  // Kahn's algorithm, stable in declaration order.
  const order: string[] = [];
  const remaining = new Set(ids);
  while (remaining.size) {
    const next = ids.find((id) => remaining.has(id) && (def.tasks[id]!.needs ?? []).every((n) => !remaining.has(n)));
    if (!next) throw new Error(`DAG ${def.id}: the tasks ${[...remaining].join(', ')} depend on each other in a cycle`);
    order.push(next);
    remaining.delete(next);
  }
  // The schema of what a caller sends (input side: fields with a default are optional).
  const parameterSchema = z.toJSONSchema(def.params, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return Object.freeze({ ...def, order, parameterSchema });
}

/** Named retry policies shared by DAGs. */
export const POLICIES = {
  /** Database or Redis work: quick retries. */
  quick: { attempts: 5, backoffMs: 500, timeoutMs: 60_000 },
  /** GDAL work on files: a few slower retries, long timeout. */
  geo: { attempts: 3, backoffMs: 5_000, timeoutMs: 30 * 60_000 },
  /** Calls to other services. */
  remote: { attempts: 6, backoffMs: 2_000, timeoutMs: 5 * 60_000 },
} as const satisfies Record<string, RetryPolicy>;
