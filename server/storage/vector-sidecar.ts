/**
 * A read-optimised copy of each vector group: a GeoPackage with an R-tree beside the group's netCDF file
 * (`<group>.<version>.gpkg` beside `<group>.<version>.nc`). The netCDF file stays the archive and the source of truth;
 * the copy exists because GDAL's netCDF driver reads CF-1.8 geometries slowly (≈ 0.7 s for a 10 km unit of 150
 * polygons, whatever the bounding box: it has no spatial index) where the GeoPackage answers a bounding box through
 * its R-tree in milliseconds.
 *
 * In step with its netCDF file: the copy records the file's SHA-256 (the catalogue's digest), size and mtime, and is
 * used only while all three still match. A missing or stale copy is rebuilt from the netCDF file; when it cannot be
 * (read-only store, full disk), readers fall back to the netCDF file itself, so the copy never gives other data.
 * Every version has its own name, so writers never touch the copy readers use; copies go with their version.
 */
import fs from 'node:fs';
import type { Dataset, Layer } from 'gdal-async';
import gdal from '../geo/gdal';
import { fileDigest } from './file-digest';
import { openDataset } from './open-dataset';

const SHA = 'CLCPLUS_SOURCE_SHA256';
const BYTES = 'CLCPLUS_SOURCE_BYTES';
const MTIME = 'CLCPLUS_SOURCE_MTIME_MS';
export const SIDECAR_LAYER = 'features';

export const sidecarOf = (ncFile: string) => ncFile.replace(/\.nc$/, '.gpkg');

type Stamp = { sha256: string; bytes: number; mtimeMs: number };

function stampOf(ncFile: string, sha256: string): Stamp {
  const st = fs.statSync(ncFile);
  return { sha256, bytes: st.size, mtimeMs: Math.round(st.mtimeMs) };
}

/**
 * Writes the copy of a group from `source` (the in-memory layer the netCDF file was written from, or the netCDF file
 * itself), stamped with the netCDF file's digest. Written aside and renamed: a reader sees a whole copy or none.
 */
export async function writeSidecar(ncFile: string, sha256: string, source: Dataset): Promise<void> {
  const s = stampOf(ncFile, sha256);
  const target = sidecarOf(ncFile);
  const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  try {
    const out = await gdal.vectorTranslateAsync(partial, source, [
      ...['-f', 'GPKG', '-nln', SIDECAR_LAYER, '-nlt', 'MULTIPOLYGON', '-nomd'],
      ...['-mo', `${SHA}=${s.sha256}`, '-mo', `${BYTES}=${s.bytes}`, '-mo', `${MTIME}=${s.mtimeMs}`],
      ...['-lco', 'SPATIAL_INDEX=YES', '-lco', 'GEOMETRY_NAME=geom', '-gt', '65536'],
    ]);
    out.close();
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** The copy, open, if it matches the netCDF file as the catalogue knows it (digest) and as it is on disk (size, mtime). */
function openFresh(ncFile: string, sha256: string): Dataset | null {
  const file = sidecarOf(ncFile);
  if (!fs.existsSync(file)) return null;
  let ds: Dataset;
  try {
    ds = gdal.open(file);
  } catch {
    return null; // damaged (a crash mid-copy leaves only a .partial, but a disk can fail): rebuilt below
  }
  try {
    const m = ds.getMetadata() as Record<string, string>;
    const s = stampOf(ncFile, sha256);
    if (m[SHA] === s.sha256 && Number(m[BYTES]) === s.bytes && Number(m[MTIME]) === s.mtimeMs && ds.layers.count() === 1)
      return ds;
  } catch {
    /* unreadable metadata: stale */
  }
  ds.close();
  return null;
}

export type GroupSource = { ds: Dataset; layer: Layer; via: 'sidecar' | 'netcdf' };

/**
 * A vector group's features for reading: its copy when in step, else the copy rebuilt from the netCDF file, else the
 * netCDF file itself. `sha256` is the catalogue's digest of the netCDF file (null: digest it here).
 */
export async function openVectorGroup(ncFile: string, sha256: string | null): Promise<GroupSource> {
  const sha = sha256 ?? (await fileDigest(ncFile)).sha256;
  let ds = openFresh(ncFile, sha);
  if (!ds) {
    const nc = openDataset(ncFile, 'the store file is damaged: re-ingest the group');
    try {
      await writeSidecar(ncFile, sha, nc);
      ds = openFresh(ncFile, sha);
    } catch {
      // The copy is an optimisation: without it (read-only store, full disk) the archive itself answers.
    }
    if (!ds) return { ds: nc, layer: nc.layers.get(0), via: 'netcdf' };
    nc.close();
  }
  return { ds, layer: ds.layers.get(0), via: 'sidecar' };
}

/** Removes the copy of a version (when the version itself goes). */
export function removeSidecar(ncFile: string) {
  if (ncFile.endsWith('.nc')) fs.rmSync(sidecarOf(ncFile), { force: true });
}
