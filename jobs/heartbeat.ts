/**
 * The worker's side of its presence in Redis (the contract and the reader are in server/system/worker-heartbeat.ts):
 * writing and removing its heartbeat, and the GDAL build it reports there for the console.
 */
import type { Redis } from 'ioredis';
import gdal from '~/server/geo/gdal';
import { HEARTBEAT_TTL_SECONDS, heartbeatKey, type GdalBuild, type WorkerHeartbeat } from '~/server/system/worker-heartbeat';

export { HEARTBEAT_INTERVAL_MS } from '~/server/system/worker-heartbeat';

/** The drivers the products need: GeoTIFF/COG packages, the netCDF store (HDF5 underneath), GeoPackage vectors. */
const GDAL_DRIVERS = ['GTiff', 'COG', 'netCDF', 'HDF5', 'GPKG'];

let build: GdalBuild | undefined;
/** This process's GDAL version and whether each needed driver is there (computed once: it cannot change). */
export function gdalBuildInfo(): GdalBuild {
  build ??= {
    version: gdal.version,
    drivers: Object.fromEntries(GDAL_DRIVERS.map((d) => [d, hasDriver(d)])),
  };
  return build;
}

function hasDriver(name: string): boolean {
  try {
    return gdal.drivers.get(name) != null;
  } catch {
    return false;
  }
}

export async function writeHeartbeat(redis: Redis, prefix: string, hb: WorkerHeartbeat): Promise<void> {
  await redis.set(heartbeatKey(prefix, hb.id), JSON.stringify(hb), 'EX', HEARTBEAT_TTL_SECONDS);
}

export async function removeHeartbeat(redis: Redis, prefix: string, id: string): Promise<void> {
  await redis.del(heartbeatKey(prefix, id));
}
