/**
 * get_product_europe: the whole store of a product and year as one package. It is made once per state of the
 * store (the reuse key holds a digest of the store's group files) and later orders get the same package, its
 * expiry pushed out; a package whose file went missing is retired and made again.
 */
import { europeProductParams, type EuropeProductParams } from '~/server/orders/order-params';
import type { PublishedPackage } from '~/server/packages/build-package';
import { reusePackage } from '~/server/packages/reuse-package';
import { storeDigest } from '~/server/storage/store-digest';
import { defineDag, POLICIES, type TaskContext } from './define-dag';
import { cleanupTeardown, extractTask, packageTask } from './product-tasks';

type Reuse = { reuseKey: string; reused: PublishedPackage | null };

async function reuseKeyOf({ params: p, services: s }: TaskContext<EuropeProductParams>): Promise<string> {
  const digest = await storeDigest(s.db, { productCode: p.productCode, year: p.year });
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
        const reuseKey = await reuseKeyOf(ctx);
        return { reuseKey, reused: await reusePackage(ctx.services, reuseKey) };
      },
    },
    extract: { ...extract, needs: ['reuse'], run: async (ctx) => (reusedOf(ctx) ? null : extract.run(ctx)) },
    package: { ...pack, needs: ['reuse', 'extract'], run: async (ctx) => reusedOf(ctx) ?? pack.run(ctx) },
  },
  teardown: cleanupTeardown,
});
