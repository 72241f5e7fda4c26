/**
 * Records a product and one of its groups (file, extent, size) in the catalogue, in one transaction, after the
 * group's new file is in place. Refuses a group whose extent overlaps another group of the same product and year.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { productionUnits, products, storeGroups } from '~/db/schema';
import fs from 'node:fs';
import path from 'node:path';
import { fileDigest } from './file-digest';
import { boundsToPolygon, STORE_EPSG, type Grid } from './grid';
import { StoreError } from './store-error';
import { removeSidecar } from './vector-sidecar';

export type GroupRecord = {
  productCode: string;
  referenceYear: number;
  kind: 'raster' | 'vector';
  title: string;
  storeLocation: string;
  group: string;
  filePath: string;
  grid?: Grid;
  extent: { minX: number; minY: number; maxX: number; maxY: number };
  featureCount?: number;
  bytes: number;
  sha256: string;
};

/** Returns the file the group used before (to delete once committed), or null. */
export async function upsertStoreGroup(db: Database, r: GroupRecord): Promise<{ previousFile: string | null; groupId: number }> {
  return db.transaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({
        code: r.productCode,
        referenceYear: r.referenceYear,
        kind: r.kind,
        title: r.title,
        storeLocation: r.storeLocation,
      })
      .onConflictDoUpdate({ target: [products.code, products.referenceYear], set: { updatedAt: sql`now()` } })
      .returning({ id: products.id, kind: products.kind });
    if (product!.kind !== r.kind)
      throw new StoreError('DTYPE_MISMATCH', `${r.productCode} ${r.referenceYear} is a ${product!.kind} product`);

    const extent = boundsToPolygon(r.extent);
    const overlapping = await tx.execute<{ group_name: string }>(sql`
      select group_name from store_groups
      where product_id = ${product!.id} and group_name <> ${r.group}
        and ST_Relate(extent, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(extent)}), ${STORE_EPSG}), 'T********')
      limit 5`);
    if (overlapping.length) {
      throw new StoreError(
        'OVERLAPPING_UNITS',
        `unit ${r.group} overlaps ${overlapping.map((o) => o.group_name).join(', ')} already in ${r.productCode} ${r.referenceYear}; units must not overlap (re-ingest a unit under its own name to replace it)`,
      );
    }
    const [unit] = await tx.select({ id: productionUnits.id }).from(productionUnits).where(eq(productionUnits.code, r.group));
    const [previous] = await tx
      .select({ filePath: storeGroups.filePath })
      .from(storeGroups)
      .where(and(eq(storeGroups.productId, product!.id), eq(storeGroups.groupName, r.group)));
    const values = {
      productId: product!.id,
      groupName: r.group,
      productionUnitId: unit?.id ?? null,
      filePath: r.filePath,
      extent,
      width: r.grid?.width ?? null,
      height: r.grid?.height ?? null,
      pixelSize: r.grid?.pixelSize ?? null,
      featureCount: r.featureCount ?? null,
      bytes: r.bytes,
      sha256: r.sha256,
    };
    const [row] = await tx
      .insert(storeGroups)
      .values(values)
      .onConflictDoUpdate({ target: [storeGroups.productId, storeGroups.groupName], set: { ...values, updatedAt: sql`now()` } })
      .returning({ id: storeGroups.id });
    return { previousFile: previous && previous.filePath !== r.filePath ? previous.filePath : null, groupId: row!.id };
  });
}

/**
 * Makes a group's new file (already in place under STORE_DIR) the current one: digests it (unless the caller already
 * did), records it in the catalogue, then deletes the version it replaces and that version's GeoPackage copy.
 */
export async function commitGroupFile(
  deps: { db: Database; storeDir: string },
  r: Omit<GroupRecord, 'bytes' | 'sha256'>,
  digest?: { bytes: number; sha256: string },
): Promise<{ bytes: number; sha256: string }> {
  const { bytes, sha256 } = digest ?? (await fileDigest(path.join(deps.storeDir, r.filePath)));
  const { previousFile } = await upsertStoreGroup(deps.db, { ...r, bytes, sha256 });
  if (previousFile) {
    fs.rmSync(path.join(deps.storeDir, previousFile), { force: true });
    removeSidecar(path.join(deps.storeDir, previousFile));
  }
  return { bytes, sha256 };
}
