/**
 * vector_class_attribution (service S15): for each polygon of a vector layer intersecting a sub-production unit, the
 * raster classes under it (server/attribution/attribute-polygons.ts), delivered as a `;`-separated CSV and a
 * Markdown report in a zip with a download link. The reference ran three Docker images and a copy to S3 through
 * shell commands built from the request; here it is one GDAL process step and the result storage.
 */
import fs from 'node:fs';
import { defineDag, POLICIES } from './define-dag';
import { cleanupTeardown } from './product-tasks';
import { deliveryDir, folderPackageTask } from './folder-package';
import { attributePolygons, type AttributionSummary } from '~/server/attribution/attribute-polygons';
import { vectorClassAttributionParams, type VectorClassAttributionParams } from '~/server/services/params/attribution';

/** The files' name: the last segment of `bucket_path`, or `<unit>_<year>_vector_class_attribution`. */
const nameOf = (p: VectorClassAttributionParams) =>
  p.bucket_path
    ?.split('/')
    .filter(Boolean)
    .pop()
    ?.replace(/\.csv$/i, '') ?? `${p.subproduction_unit_name}_${p.reference_year}_vector_class_attribution`;

export default defineDag({
  id: 'vector_class_attribution',
  version: 1,
  description: 'Per polygon of a vector layer, the raster classes under it: relative and absolute counts, majority, area',
  params: vectorClassAttributionParams,
  retry: POLICIES.geo,
  tasks: {
    attribute: {
      weight: 9,
      retry: POLICIES.geo,
      run: async (ctx): Promise<AttributionSummary> => {
        const dir = deliveryDir(ctx, nameOf(ctx.params));
        await fs.promises.rm(dir, { recursive: true, force: true });
        await fs.promises.mkdir(dir, { recursive: true });
        return attributePolygons(ctx.services, ctx.params, {
          dir,
          baseName: nameOf(ctx.params),
          signal: ctx.signal,
          progress: ctx.progress,
        });
      },
    },
    package: folderPackageTask<VectorClassAttributionParams>({ needs: 'attribute', name: (ctx) => nameOf(ctx.params) }),
  },
  teardown: cleanupTeardown,
});
