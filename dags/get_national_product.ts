/**
 * get_national_product: the product for one nation — the boundary from the database (intersected with what the
 * store covers), raster warped to the nation's CRS at 10 m with target-aligned pixels, vector clipped and
 * reprojected — named like the reference's national files (…_at_31287_V1_1).
 */
import { AppError } from '~/server/errors';
import { findNation } from '~/server/nations/find-nation';
import { nationalProductParams, type NationalProductParams } from '~/server/orders/order-params';
import { STORE_EPSG } from '~/server/storage/grid';
import { defineDag, POLICIES } from './define-dag';
import { cleanupTeardown, extractTask, packageTask } from './product-tasks';

export default defineDag({
  id: 'get_national_product',
  version: 1,
  description: "CLC+ Backbone product for one nation, in the nation's coordinate reference system, as a zipped package",
  params: nationalProductParams,
  retry: POLICIES.geo,
  tasks: {
    extract: extractTask<NationalProductParams>(async ({ params, services }) => {
      const n = await findNation(services.db, params.nation, { boundary: true });
      if (!n?.boundary) throw new AppError('NOT_FOUND', `no boundary for the nation ${params.nation}`);
      // Turkey has no national CRS in the reference (00000): delivered in EPSG:3035.
      return { kind: 'nation', name: n.name, fileCode: n.fileCode, epsg: n.epsg ?? STORE_EPSG, boundary: n.boundary };
    }),
    package: packageTask<NationalProductParams>(),
  },
  teardown: cleanupTeardown,
});
