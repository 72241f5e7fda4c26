/**
 * A digest of the state of a product's store (its groups and their files): equal digests, equal content, so a
 * package made from the whole store can be reused until a group is added, replaced or removed.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { products, storeGroups } from '~/db/schema';

export async function storeDigest(db: DbOrTx, q: { productCode: string; year: number }): Promise<string> {
  const groups = await db
    .select({ name: storeGroups.groupName, file: storeGroups.filePath })
    .from(storeGroups)
    .innerJoin(products, eq(products.id, storeGroups.productId))
    .where(and(eq(products.code, q.productCode), eq(products.referenceYear, q.year)))
    .orderBy(storeGroups.groupName);
  return createHash('sha256').update(JSON.stringify(groups)).digest('hex').slice(0, 16);
}
