/**
 * `GET /ogc/processes`: the process summaries, in name order, `limit` at a time (1–10000, default 10) with a `next`
 * link while more follow (keyset on the name: the cursor is the last name of the page).
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import { decodeCursor, encodeCursor } from '../paging/keyset';
import { findProcesses, type ProcessViewer } from './find-process';
import { JSON_TYPE, ogcBase, self, type Link } from './links';
import { toProcessSummary } from './process-description';

export const listProcessesQuery = z
  .object({
    limit: z.coerce.number().int('a whole number').min(1).max(10_000).default(10),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/, 'the cursor of a next link')
      .optional(),
  })
  .strict();
export type ListProcessesQuery = z.infer<typeof listProcessesQuery>;

export async function listProcesses(db: Database, viewer: ProcessViewer, q: ListProcessesQuery) {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, z.tuple([z.string()]))[0];
  const rows = await findProcesses(db, viewer, { after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const href = (extra: Record<string, string>) =>
    `${ogcBase()}/processes?${new URLSearchParams({ limit: String(q.limit), ...extra })}`;
  const links: Link[] = [self(href(q.cursor ? { cursor: q.cursor } : {}), 'this document')];
  if (rows.length > q.limit) {
    links.push({ href: href({ cursor: encodeCursor([page.at(-1)!.name]) }), rel: 'next', type: JSON_TYPE, title: 'next page' });
  }
  return { processes: page.map(toProcessSummary), links };
}
