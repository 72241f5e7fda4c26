/** GDAL child processes (server/geo/subprocess.ts): running now, and started by how they ended. */
import { counter, gauge } from './registry';

export const gdalChildrenRunning = gauge({
  name: 'clcplus_gdal_subprocesses',
  help: 'GDAL child processes running now',
});

export const gdalChildren = counter({
  name: 'clcplus_gdal_subprocesses_total',
  help: 'GDAL child processes that ended, by operation and outcome (ok, error, killed)',
  labelNames: ['op', 'outcome'] as const,
});
