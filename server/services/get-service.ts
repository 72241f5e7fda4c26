/** M9, M10 and `GET /v1/services/{service}`: one installed service by id or name (hidden ones: admins only), or 404. */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { services } from '~/db/schema';
import { AppError } from '../errors';
import { toServiceView, type ServiceView } from './service-view';

export async function getService(
  db: Database,
  viewer: { admin: boolean },
  by: { id: string } | { name: string },
): Promise<ServiceView> {
  const label = 'id' in by ? by.id : by.name;
  const notFound = () => new AppError('NOT_FOUND', `service: there is no service ${label}`, { reason: 'UNKNOWN_SERVICE' });
  if ('id' in by && !z.uuid().safeParse(by.id).success) throw notFound();
  const [s] = await db
    .select()
    .from(services)
    .where(and(isNull(services.deletedAt), 'id' in by ? eq(services.id, by.id) : eq(services.name, by.name)));
  if (!s || (!s.visible && !viewer.admin)) throw notFound();
  return toServiceView(s, viewer);
}
