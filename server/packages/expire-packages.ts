/**
 * Retention: packages past their expiry are deleted from the result storage and marked deleted (`deleted_at`), so
 * their download links answer 410 and a Europe package is made again when next ordered. A storage error leaves
 * the row live for the next run. Returns what it did.
 */
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { packages } from '~/db/schema';
import type { ResultStorage } from '../results/result-storage';

export async function expirePackages(
  deps: { db: Database; results: ResultStorage; now: Date },
  limit = 500,
): Promise<{ expired: number; bytes: number; failed: number }> {
  const due = await deps.db
    .select({ id: packages.id, key: packages.storageKey, bytes: packages.bytes })
    .from(packages)
    .where(and(isNull(packages.deletedAt), lte(packages.expiresAt, deps.now)))
    .limit(limit);
  const out = { expired: 0, bytes: 0, failed: 0 };
  for (const p of due) {
    try {
      await deps.results.delete(p.key);
    } catch {
      out.failed++;
      continue;
    }
    await deps.db
      .update(packages)
      .set({ deletedAt: deps.now })
      .where(and(eq(packages.id, p.id), isNull(packages.deletedAt)));
    out.expired++;
    out.bytes += p.bytes;
  }
  return out;
}
