/**
 * From cut data to a published package:
 * - names after the product convention (CLMS_CLCplus_RASTER_2021_010m_<order>_03035_V1_1, national and European
 *   names as the reference's files);
 * - sidecars: QGIS and SLD styles, legend (.txt, .csv), ISO 19115 XML, STAC Item;
 * - a zip with one folder (data files stored as they are — already compressed — the rest deflated), SHA-256
 *   computed while writing, fixed timestamps so a retried task makes the same bytes;
 * - published atomically to the result storage, then recorded as the order's one live package (a retry replaces
 *   the row, never adds a second); expiring after the configured time.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import yazl from 'yazl';
import type { Database } from '~/db/client';
import { packages, type OrderPackage } from '~/db/schema';
import type { ResultStorage } from '../results/result-storage';
import { isoMetadataXml, stacItem, type PackageDescription } from './describe-package';
import { legendCsv, legendTxt, rasterQml, rasterSld, vectorQml, vectorSld } from './styles';

export type PackageScope = { kind: 'aoi'; orderId: string } | { kind: 'nation'; fileCode: string } | { kind: 'europe' };

const epsg5 = (epsg: number) => String(epsg).padStart(5, '0');

export function packageName(q: { kind: 'raster' | 'vector'; year: number; version: string; epsg: number; scope: PackageScope }) {
  const id = q.scope.kind === 'aoi' ? q.scope.orderId.replace(/-/g, '') : q.scope.kind === 'nation' ? q.scope.fileCode : 'EU';
  return q.kind === 'raster'
    ? `CLMS_CLCplus_RASTER_${q.year}_010m_${id.length === 2 ? id.toLowerCase() : id}_${epsg5(q.epsg)}_${q.version}`
    : `CLMS_CLCplus_VECTOR_${q.year}_${id.length === 2 ? id.toUpperCase() : id}_${epsg5(q.epsg)}_${q.version}`;
}

/**
 * The styles, legend and metadata that go beside the data file, by file name. They go into the zip from memory: on
 * the path of every small order, creating and deleting eight more files cost more than cutting its pixels.
 */
export function sidecarFiles(d: PackageDescription, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${d.name}.qml`]: d.kind === 'raster' ? rasterQml() : vectorQml(),
    [`${d.name}.sld`]: d.kind === 'raster' ? rasterSld(d.name) : vectorSld(d.name),
    [`${d.name}.txt`]: legendTxt(),
    [`${d.name}_legend.csv`]: legendCsv(),
    [`${d.name}.xml`]: isoMetadataXml(d),
    [`${d.name}.json`]: JSON.stringify(stacItem(d), null, 2) + '\n',
    ...extra,
  };
}

const STORED = /\.(tif|zip|gpkg-wal)$/i;

/**
 * Zips every file of `dir` and the in-memory `files` under the folder `root`, in name order; returns size and SHA-256.
 */
export async function zipFolder(
  dir: string,
  zipFile: string,
  root: string,
  opts: { mtime: Date; signal?: AbortSignal; files?: Record<string, string> },
): Promise<{ bytes: number; sha256: string }> {
  const zip = new yazl.ZipFile();
  const onDisk = (await fs.promises.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const inMemory = opts.files ?? {};
  const names = [...new Set([...onDisk, ...Object.keys(inMemory)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const entry = { mtime: opts.mtime, compress: !STORED.test(name), mode: 0o100644 };
    const text = inMemory[name];
    if (text !== undefined) zip.addBuffer(Buffer.from(text), `${root}/${name}`, entry);
    else zip.addFile(path.join(dir, name), `${root}/${name}`, entry);
  }
  zip.end();
  const hash = createHash('sha256');
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(zipFile);
    const onAbort = () => {
      zip.outputStream.unpipe(out);
      out.destroy(new Error('aborted'));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    zip.outputStream.on('data', (c: Buffer) => {
      hash.update(c);
      bytes += c.length;
    });
    zip.outputStream.pipe(out);
    out.on('finish', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
  });
  opts.signal?.throwIfAborted();
  return { bytes, sha256: hash.digest('hex') };
}

/** What the `package` task returns, stored as the order's `result.package` (db/schema/orders.ts). */
export type PublishedPackage = OrderPackage;

/** Moves the zip into the result storage and records it as the order's package (replacing an earlier attempt's). */
export async function publishPackage(
  deps: { db: Database; results: ResultStorage; now: () => Date; ttlHours: number },
  q: { orderId: string; zipFile: string; fileName: string; bytes: number; sha256: string; reuseKey?: string },
): Promise<PublishedPackage> {
  const key = `${q.orderId}/${q.fileName}`;
  await deps.results.put(key, q.zipFile, 'application/zip');
  const expiresAt = new Date(deps.now().getTime() + deps.ttlHours * 3_600_000);
  const row = await deps.db.transaction(async (tx) => {
    await tx.delete(packages).where(and(eq(packages.orderId, q.orderId), isNull(packages.deletedAt)));
    const [p] = await tx
      .insert(packages)
      .values({
        orderId: q.orderId,
        reuseKey: q.reuseKey ?? null,
        fileName: q.fileName,
        storageKey: key,
        bytes: q.bytes,
        sha256: q.sha256,
        expiresAt,
      })
      .returning();
    return p!;
  });
  return { packageId: row.id, fileName: row.fileName, bytes: row.bytes, sha256: row.sha256, expiresAt: expiresAt.toISOString() };
}
