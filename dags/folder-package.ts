/**
 * The `package` task of workflows whose result is a folder of files (reports, tables): the folder that the task
 * before it wrote in the order's work directory, zipped and published, so the order's status has a signed download
 * link (server/orders/get-order-status.ts reads `result.package`). The work directory goes with the teardown.
 */
import path from 'node:path';
import { POLICIES, type TaskContext, type TaskDefinition } from './define-dag';
import { publishPackage, zipFolder, type PublishedPackage } from '~/server/packages/build-package';

/** Where a workflow writes the files it delivers: `<workDir>/<orderId>/<name>/`. */
export const deliveryDir = (ctx: TaskContext<unknown>, name: string) => path.join(ctx.services.workDir, ctx.orderId, name);

export function folderPackageTask<P>(opts: { needs: string; name: (ctx: TaskContext<P>) => string }): TaskDefinition<P> {
  return {
    needs: [opts.needs],
    weight: 1,
    retry: POLICIES.geo,
    run: async (ctx): Promise<PublishedPackage> => {
      const s = ctx.services;
      const name = opts.name(ctx);
      const zipFile = path.join(s.workDir, ctx.orderId, `${name}.zip`);
      const { bytes, sha256 } = await zipFolder(deliveryDir(ctx as TaskContext<unknown>, name), zipFile, name, {
        mtime: s.now(),
        signal: ctx.signal,
      });
      return publishPackage(
        { db: s.db, results: s.results, now: s.now, ttlHours: s.packageTtlHours },
        { orderId: ctx.orderId, zipFile, fileName: `${name}.zip`, bytes, sha256 },
      );
    },
  };
}
