/**
 * get_product_europe: the whole store of a product and year as one package. It is made once per state of the
 * store (the reuse key holds a digest of the store's group files) and later orders get the same package, its
 * expiry pushed out; a package whose file went missing is retired and made again.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { packages, storeGroups, products } from '~/db/schema';
import { europeProductParams, type EuropeProductParams } from '~/server/orders/order-params';
import type { PublishedPackage } from '~/server/packages/build-package';
import { defineDag, POLICIES, type TaskContext } from './define-dag';
import { cleanupTeardown, extractTask, packageTask } from './product-tasks';

type Reuse = { reuseKey: string; reused: PublishedPackage | null };

async function reuseKeyOf({ params: p, services: s }: TaskContext<EuropeProductParams>): Promise<string> {
  const groups = await s.db
    .select({ name: storeGroups.groupName, file: storeGroups.filePath })
    .from(storeGroups)
    .innerJoin(products, eq(products.id, storeGroups.productId))
    .where(and(eq(products.code, p.productCode), eq(products.referenceYear, p.year)))
    .orderBy(storeGroups.groupName);
  const digest = createHash('sha256').update(JSON.stringify(groups)).digest('hex').slice(0, 16);
  return `europe:${p.productCode}:${p.year}:${p.format}:${digest}`;
}

const extract = extractTask<EuropeProductParams>(async () => ({ kind: 'europe' }));
const pack = packageTask<EuropeProductParams>({ reuseKey: async (ctx) => (ctx.inputs.reuse as Reuse).reuseKey });
const reusedOf = (ctx: TaskContext<EuropeProductParams>) => (ctx.inputs.reuse as Reuse).reused;

export default defineDag({
  id: 'get_product_europe',
  version: 1,
  description: 'CLC+ Backbone product for the whole of Europe (EPSG:3035), made once per store state and reused',
  params: europeProductParams,
  retry: POLICIES.geo,
  tasks: {
    reuse: {
      retry: POLICIES.quick,
      run: async (ctx): Promise<Reuse> => {
        const s = ctx.services;
        const reuseKey = await reuseKeyOf(ctx);
        const [live] = await s.db
          .select()
          .from(packages)
          .where(and(eq(packages.reuseKey, reuseKey), isNull(packages.deletedAt)));
        if (!live) return { reuseKey, reused: null };
        if (!(await s.results.stat(live.storageKey))) {
          await s.db.update(packages).set({ deletedAt: s.now() }).where(eq(packages.id, live.id));
          return { reuseKey, reused: null };
        }
        const expiresAt = new Date(s.now().getTime() + s.packageTtlHours * 3_600_000);
        await s.db
          .update(packages)
          .set({ expiresAt: sql`greatest(${packages.expiresAt}, ${expiresAt.toISOString()}::timestamptz)` })
          .where(eq(packages.id, live.id));
        return {
          reuseKey,
          reused: {
            packageId: live.id,
            fileName: live.fileName,
            bytes: live.bytes,
            sha256: live.sha256,
            expiresAt: expiresAt.toISOString(),
          },
        };
      },
    },
    extract: { ...extract, needs: ['reuse'], run: async (ctx) => (reusedOf(ctx) ? null : extract.run(ctx)) },
    package: { ...pack, needs: ['reuse', 'extract'], run: async (ctx) => reusedOf(ctx) ?? pack.run(ctx) },
  },
  teardown: cleanupTeardown,
});
