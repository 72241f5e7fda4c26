/**
 * Keyset paging shared by the lists (orders, customers, logs): the `limit` and `cursor` query fields, and the opaque
 * cursor itself — the sort key of a page's last row, base64url JSON — refused with one message when it is not one
 * of the list's (a client must send `next_cursor` as given).
 */
import { z } from 'zod';
import { AppError } from '../errors';

export const pageFields = (opts: { max: number; default: number }) => ({
  limit: z.coerce.number().int('a whole number').min(1).max(opts.max).default(opts.default),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'the next_cursor of a previous page')
    .optional(),
});

export const encodeCursor = (key: readonly (string | number)[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key in `cursor`, checked by `schema` (e.g. a tuple of an instant and a uuid). */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION', 'cursor: not a cursor of this list (use next_cursor as given)');
  return parsed.data;
}

/** A timestamp as PostgreSQL wrote it (`received_at::text`), to the microsecond. */
export const instantText = z.string().refine((s) => !Number.isNaN(Date.parse(s)));
