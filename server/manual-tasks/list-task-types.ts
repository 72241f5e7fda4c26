/** M16: the manual task types, in production order, in the reference's shape. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { manualTaskTypes } from '~/db/schema';

export async function listTaskTypes(db: Database) {
  const rows = await db
    .select()
    .from(manualTaskTypes)
    .where(eq(manualTaskTypes.active, true))
    .orderBy(asc(manualTaskTypes.position));
  return rows.map((t) => ({
    task_id: t.id,
    task_name: t.name,
    task_comment: t.description,
    task_validity: t.active,
    task_owner: t.owner,
    date_of_creation: t.createdAt.toISOString(),
    order_id_not_required: !t.requiresOrder,
  }));
}
