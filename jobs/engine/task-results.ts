/**
 * Results carried up a run's chain: each task's job returns the results of every task before it plus its own (kept
 * small: paths, counts, checksums), so a task reads its inputs from its one child's return value. Fan-out items
 * return `{ [ITEM]: index, value }` and are told apart by that key.
 */
import type { Job } from 'bullmq';

export const ITEM = '__item';

export type ItemResult = { [ITEM]: number; value: unknown };

const isItem = (v: unknown): v is ItemResult => !!v && typeof v === 'object' && ITEM in v;

/** The results of every task before this one. */
export async function inputsOf(job: Job): Promise<Record<string, unknown>> {
  const values = Object.values(await job.getChildrenValues()) as Record<string, unknown>[];
  return Object.assign({}, ...values.filter((v) => v && typeof v === 'object' && !isItem(v)));
}

/** The results of a fan-out's items, in item order (empty before its items were added). */
export async function itemResultsOf(job: Job): Promise<unknown[]> {
  const items = Object.values(await job.getChildrenValues()).filter(isItem);
  return items.sort((a, b) => a[ITEM] - b[ITEM]).map((x) => x.value);
}
