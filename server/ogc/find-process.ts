/**
 * The installed services a caller sees as processes: not deleted, visible (admins: all), in name order; or the one
 * named, or the OGC no-such-process exception.
 */
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { services, type Service } from '~/db/schema';
import { noSuchProcess } from './exceptions';

export type ProcessViewer = { admin: boolean };

export async function findProcesses(
  db: Database,
  viewer: ProcessViewer,
  page: { after?: string; limit: number },
): Promise<Service[]> {
  return db
    .select()
    .from(services)
    .where(
      and(
        isNull(services.deletedAt),
        viewer.admin ? undefined : eq(services.visible, true),
        page.after === undefined ? undefined : gt(services.name, page.after),
      ),
    )
    .orderBy(asc(services.name))
    .limit(page.limit);
}

export async function findProcess(db: Database, viewer: ProcessViewer, id: string): Promise<Service> {
  const [s] = await db
    .select()
    .from(services)
    .where(and(isNull(services.deletedAt), eq(services.name, id)));
  if (!s || (!s.visible && !viewer.admin)) throw noSuchProcess(id);
  return s;
}
