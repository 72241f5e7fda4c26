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

export default gdal;
