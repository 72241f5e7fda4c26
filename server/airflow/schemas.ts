/** The Airflow bridge's shapes: a resolved connection, and what the bridge reads back from Airflow (zod). */
import { z } from 'zod';

export type AirflowConnection = {
  name: string;
  url: string;
  apiVersion: 'v1' | 'v2';
  username: string;
  /** In clear, in memory only: never logged, never returned by an API. */
  password: string;
  timeoutMs: number;
};

/** A connection's name, as services refer to it (`services.airflow_connection`) and the table's check allows. */
export const airflowConnectionName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a connection name: a lower-case letter, then letters, digits, _ or - (at most 64)');

export const dagRunState = z.enum(['queued', 'running', 'success', 'failed']);

export const airflowDag = z.looseObject({ dag_id: z.string(), is_paused: z.boolean().nullable().optional() });

export const airflowDagRun = z.looseObject({
  dag_run_id: z.string().nullable(),
  state: dagRunState,
  start_date: z.string().nullable().optional(),
  end_date: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});
export type AirflowDagRun = z.infer<typeof airflowDagRun>;

export const airflowTaskInstance = z.looseObject({
  task_id: z.string(),
  map_index: z.number().int().optional(),
  state: z.string().nullable().optional(),
  try_number: z.number().int().optional(),
  start_date: z.string().nullable().optional(),
  end_date: z.string().nullable().optional(),
});
export type AirflowTaskInstance = z.infer<typeof airflowTaskInstance>;

export const airflowTaskInstances = z.looseObject({ task_instances: z.array(airflowTaskInstance) });
