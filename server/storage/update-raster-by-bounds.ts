/**
 * Update by bounds (reference §7.1): writes the part of an array that lies inside `bounds` into every group it
 * touches, at one time step. Update only: the groups must exist and hold that date; the array must be on the
 * 10 m grid and hold valid values. Each touched group gets a new version (write aside, switch, delete old).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '~/db/client';
import { findGroupsIntersecting } from './find-groups';
import { boundsToPolygon, gridBounds, intersect, windowOf, type Bounds, type Grid } from './grid';
import { h5, type H5Dataset } from './h5';
import { LEGEND } from './legend';
import { readCubeInfo, writeRasterCube } from './raster-cube';
import { StoreError } from './store-error';
import { productDir, versionedFile } from './store-paths';
import { commitGroupFile } from './upsert-store-group';

export async function updateRasterByBounds(
  deps: { db: Database; storeDir: string },
  q: { product: string; referenceYear: number; bounds: Bounds; grid: Grid; data: Uint8Array; date?: Date },
): Promise<{ groups: string[]; pixels: number }> {
  const { grid } = q;
  if (grid.pixelSize !== 10 || grid.x0 % 10 || grid.y0 % 10)
    throw new StoreError('GRID_MISALIGNED', 'the array must be on the 10 m grid of the product');
  if (q.data.length !== grid.width * grid.height) throw new StoreError('OUT_OF_BOUNDS', 'the array does not match its grid');
  const valid = new Set(LEGEND.map((c) => c.code));
  const area = intersect(q.bounds, gridBounds(grid));
  if (!area) throw new StoreError('OUT_OF_BOUNDS', 'the bounds do not overlap the array');
  const groups = await findGroupsIntersecting(deps.db, {
    product: q.product,
    referenceYear: q.referenceYear,
    geometry: boundsToPolygon(area),
  });
  if (!groups.length)
    throw new StoreError('UNKNOWN_GROUP', `${q.product} ${q.referenceYear} has no group in these bounds (update only)`);

  const h5wasm = await h5();
  let pixels = 0;
  const touched: string[] = [];
  for (const g of groups) {
    const file = path.join(deps.storeDir, g.filePath);
    const info = await readCubeInfo(file);
    const t = q.date ? info.times.findIndex((d) => d.getTime() === q.date!.getTime()) : info.times.length - 1;
    if (t < 0)
      throw new StoreError('UNKNOWN_GROUP', `group ${g.groupName} has no time step ${q.date!.toISOString().slice(0, 10)}`);
    const part = intersect(area, gridBounds(info.grid));
    if (!part) continue;
    const dst = windowOf(info.grid, part)!; // where in the group
    const src = windowOf(grid, part)!; // where in the array
    const rel = versionedFile(q.product, q.referenceYear, g.groupName, 'nc');
    const out = path.join(deps.storeDir, rel);
    const partial = `${out}.partial`;
    const old = new h5wasm.File(file, 'r');
    try {
      const v = old.get(info.variable) as H5Dataset;
      await writeRasterCube(partial, {
        grid: info.grid,
        times: info.times,
        meta: {
          product: q.product,
          title: String(info.meta.title ?? q.product),
          referenceYear: q.referenceYear,
          group: g.groupName,
          variable: info.variable,
          kind: info.variable === 'landcover' ? 'classes' : info.variable === 'confidence' ? 'confidence' : 'data_score',
          source: String(info.meta.source ?? ''),
          history: `${String(info.meta.history ?? '')}\n${new Date().toISOString()} updated by bounds ${JSON.stringify(part)}`,
        },
        readBlock: async (ti, row, rows) => {
          const block = v.slice([
            [ti, ti + 1],
            [row, row + rows],
            [0, info.grid.width],
          ]) as Uint8Array;
          if (ti !== t) return block;
          const copy = new Uint8Array(block);
          for (let r = Math.max(row, dst.row); r < Math.min(row + rows, dst.row + dst.height); r++) {
            const sr = src.row + (r - dst.row);
            for (let c = 0; c < dst.width; c++) {
              const value = q.data[sr * grid.width + src.col + c]!;
              if (!valid.has(value)) throw new StoreError('INVALID_VALUES', `value ${value} is not a CLC+ class`);
              copy[(r - row) * info.grid.width + dst.col + c] = value;
            }
          }
          return copy;
        },
      });
    } catch (e) {
      fs.rmSync(partial, { force: true });
      throw e;
    } finally {
      old.close();
    }
    fs.renameSync(partial, out);
    await commitGroupFile(deps, {
      productCode: q.product,
      referenceYear: q.referenceYear,
      kind: 'raster',
      title: String(info.meta.title ?? q.product),
      storeLocation: productDir(q.product, q.referenceYear),
      group: g.groupName,
      filePath: rel,
      grid: info.grid,
      extent: gridBounds(info.grid),
    });
    pixels += dst.width * dst.height;
    touched.push(g.groupName);
  }
  return { groups: touched, pixels };
}
