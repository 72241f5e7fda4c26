import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { scopes } from '~/db/schema';
import { AppError } from '../errors';

/** 400 naming the scopes that are not in the catalogue (and the body field, with a hint, when given). */
export async function assertScopesExist(
  db: DbOrTx,
  names: string[],
  opts: { field?: string; hint?: string } = {},
): Promise<void> {
  if (names.length === 0) return;
  const known = new Set(
    (await db.select({ name: scopes.name }).from(scopes).where(inArray(scopes.name, names))).map((s) => s.name),
  );
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    const field = opts.field ? `${opts.field}: ` : '';
    throw new AppError('VALIDATION', `${field}unknown scope(s): ${unknown.join(', ')}${opts.hint ? ` (${opts.hint})` : ''}`);
  }
}
