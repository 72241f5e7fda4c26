/**
 * get_product: the raster or vector product clipped to an AOI (EPSG:4326 polygon, checked and measured when the
 * order was accepted), packaged and published. Raster: COG on the store's 10 m grid in EPSG:3035; vector: clipped
 * polygons in a GeoPackage.
 */
import { defineDag, POLICIES } from './define-dag';
import { getProductParams, type GetProductParams } from '~/server/orders/order-params';
import { cleanupTeardown, extractTask, packageTask } from './product-tasks';

export default defineDag({
  id: 'get_product',
  version: 1,
  description: 'CLC+ Backbone raster or vector product clipped to an area of interest, as a zipped package',
  params: getProductParams,
  retry: POLICIES.geo,
  tasks: {
    extract: extractTask<GetProductParams>(async ({ params }) => ({
      kind: 'aoi',
      aoi: params.aoi,
      label: 'an area of interest',
    })),
    package: packageTask<GetProductParams>(),
  },
  teardown: cleanupTeardown,
});
