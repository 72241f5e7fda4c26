/**
 * gdal-async (linked to Debian's libgdal), loaded so that `next build` works: Turbopack's tracer panics on a
 * static import of this node-pre-gyp addon (next.js#97935), so it is required at run time and skipped by the
 * tracer (`turbopackIgnore`). Every module uses GDAL through this one, which also fixes the axis order once:
 * (lon, lat) and (easting, northing), never the EPSG authority order.
 */
import { createRequire } from 'node:module';
import type * as Gdal from 'gdal-async';

const nodeRequire = createRequire(import.meta.url);
const gdal: typeof Gdal = nodeRequire(/* turbopackIgnore: true */ 'gdal-async');

gdal.config.set('OSR_DEFAULT_AXIS_MAPPING_STRATEGY', 'TRADITIONAL_GIS_ORDER');
// GDAL's block cache defaults to 5 % of the machine's memory (1.2 GB here) and a raster order's streamed reads fill
// it with blocks read once: bounded here (before any GDAL read sets it), unless the environment sets it (config options fall back to environment variables).
if (!gdal.config.get('GDAL_CACHEMAX')) gdal.config.set('GDAL_CACHEMAX', '128');

export default gdal;
