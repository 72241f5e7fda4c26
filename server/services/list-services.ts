/** M8 and `GET /v1/services`: the installed services by name, the visible ones unless an admin asks for all. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { services } from '~/db/schema';
import { toServiceView, type ServiceView } from './service-view';

/** `GET /v1/services?all=true`: admins also see the hidden services. */
export const listServicesQuery = z.object({ all: z.enum(['true', 'false'], { error: 'true or false' }).optional() }).strict();

export async function listServices(db: Database, viewer: { admin: boolean }, q: { all?: boolean } = {}): Promise<ServiceView[]> {
  const all = viewer.admin && q.all;
  const rows = await db
    .select()
    .from(services)
    .where(and(isNull(services.deletedAt), all ? undefined : eq(services.visible, true)))
    .orderBy(asc(services.name));
  return rows.map((s) => toServiceView(s, viewer));
}
