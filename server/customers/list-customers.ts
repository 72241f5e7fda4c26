/**
 * M2, M3: customers that are not deleted, by name, filtered by any of the reference's fields (equality, ignoring
 * case; combined with AND) — the WHERE clause is built from a fixed list of columns, never from request keys — in
 * keyset pages.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '~/db/client';
import type { Customer } from '~/db/schema';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../paging/keyset';
import { FILTER_FIELDS, type CustomerFilter } from './customer-body';
import { toCustomerView, type CustomerView } from './customer-view';

const customerCursor = z.tuple([z.string(), z.uuid()]);

export async function listCustomers(
  db: Database,
  q: CustomerFilter,
): Promise<{ customers: CustomerView[]; next_cursor: string | null }> {
  const where: SQL[] = [sql`c.deleted_at is null`];
  for (const [field, column] of Object.entries(FILTER_FIELDS)) {
    const v = q[field as keyof typeof FILTER_FIELDS];
    if (v !== undefined) where.push(sql`lower(${sql.identifier(column)}) = lower(${v})`);
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, customerCursor);
    where.push(sql`(c.name, c.id) > (${name}, ${id}::uuid)`);
  }
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.*, coalesce((select json_agg(json_build_object('client_id', k.client_id, 'name', k.name, 'disabled', k.disabled_at is not null)
      order by k.created_at) from api_clients k where k.customer_id = c.id), '[]') as clients
    from customers c where ${sql.join(where, sql` and `)}
    order by c.name, c.id limit ${q.limit + 1}`);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit).map((r) => {
    const c: Customer = {
      id: r.id as string,
      name: r.name as string,
      title: r.title as string | null,
      firstName: r.first_name as string | null,
      lastName: r.last_name as string | null,
      email: r.email as string | null,
      companyName: r.company_name as string | null,
      address: r.address as string | null,
      city: r.city as string | null,
      zipCode: r.zip_code as string | null,
      country: r.country as string | null,
      nationality: r.nationality as string | null,
      phoneNumber: r.phone_number as string | null,
      notes: r.notes as string | null,
      active: r.active as boolean,
      createdAt: new Date(r.created_at as string),
      updatedAt: new Date(r.updated_at as string),
      deletedAt: r.deleted_at ? new Date(r.deleted_at as string) : null,
    };
    return toCustomerView(c, r.clients as CustomerView['clients']);
  });
  const last = page[page.length - 1];
  return { customers: page, next_cursor: more && last ? encodeCursor([last.name, last.customer_id]) : null };
}
