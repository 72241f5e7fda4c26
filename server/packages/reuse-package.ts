/**
 * A package made once and handed to later orders (get_product_europe): the live package with this reuse key, its
 * expiry pushed out to a full TTL from now; or null when there is none, or when its file went missing (then it is
 * retired, so that the order makes it again).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { packages } from '~/db/schema';
import type { ResultStorage } from '../results/result-storage';
import type { PublishedPackage } from './build-package';

export async function reusePackage(
  deps: { db: Database; results: ResultStorage; now: () => Date; packageTtlHours: number },
  reuseKey: string,
): Promise<PublishedPackage | null> {
  const { db } = deps;
  const [live] = await db
    .select()
    .from(packages)
    .where(and(eq(packages.reuseKey, reuseKey), isNull(packages.deletedAt)));
  if (!live) return null;
  if (!(await deps.results.stat(live.storageKey))) {
    await db.update(packages).set({ deletedAt: deps.now() }).where(eq(packages.id, live.id));
    return null;
  }
  const expiresAt = new Date(deps.now().getTime() + deps.packageTtlHours * 3_600_000);
  await db
    .update(packages)
    .set({ expiresAt: sql`greatest(${packages.expiresAt}, ${expiresAt.toISOString()}::timestamptz)` })
    .where(eq(packages.id, live.id));
  return {
    packageId: live.id,
    fileName: live.fileName,
    bytes: live.bytes,
    sha256: live.sha256,
    expiresAt: expiresAt.toISOString(),
  };
}
