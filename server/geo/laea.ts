/**
 * EPSG:4326 ↔ EPSG:3035 (ETRS89-LAEA, the product grid's CRS) with proj4js, in pure JavaScript: the web process
 * projects AOIs while accepting orders and must not load GDAL (a native addon of ~100 MB with its own threads) for
 * that. The definition is EPSG's; lon/lat are taken as ETRS89 as they are (PROJ's transformation from WGS 84 is the
 * null one, "ETRS89 to WGS 84 (1)", so GDAL/PROJ give the same numbers: within 1 mm over the area of use, checked
 * in laea.test.ts). Axis order: (lon, lat) and (easting, northing).
 */
import proj4 from 'proj4';
import { STORE_EPSG } from '../storage/grid';

export const LAEA_PROJ4 = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs';
const LONLAT_PROJ4 = '+proj=longlat +ellps=GRS80 +no_defs';

const laea = proj4(LONLAT_PROJ4, LAEA_PROJ4);
// The projection itself, without the converter's per-point work (axis and unit handling, a datum check that is a
// no-op here, a new array per point): 0.6 instead of 2.2 µs a point, for the ~100,000 vertices of a large AOI.
// Radians in, metres out (false easting/northing included); it fills the point it is given.
const projection = proj4.Proj(LAEA_PROJ4);
const RAD = Math.PI / 180;

/** A flat [x0, y0, x1, y1, …] array projected to another CRS (non-finite where a point cannot be projected). */
export type FlatProjection = { epsg: number; project: (xy: Float64Array) => Float64Array };

/** Lon/lat (EPSG:4326) to EPSG:3035. */
export const toLaea: FlatProjection = {
  epsg: STORE_EPSG,
  project(lonlat) {
    const out = new Float64Array(lonlat.length);
    const p = { x: 0, y: 0 };
    for (let i = 0; i < lonlat.length; i += 2) {
      p.x = lonlat[i]! * RAD;
      p.y = lonlat[i + 1]! * RAD;
      const q = projection.forward(p);
      // null (or NaN) where the point cannot be projected (the antipode of the centre).
      out[i] = q ? q.x : NaN;
      out[i + 1] = q ? q.y : NaN;
    }
    return out;
  },
};

/** EPSG:3035 to lon/lat (EPSG:4326). */
export const fromLaea: FlatProjection = {
  epsg: 4326,
  project(xy) {
    const out = new Float64Array(xy.length);
    const p: [number, number] = [0, 0];
    for (let i = 0; i < xy.length; i += 2) {
      p[0] = xy[i]!;
      p[1] = xy[i + 1]!;
      const [lon, lat] = laea.inverse(p);
      out[i] = lon;
      out[i + 1] = lat;
    }
    return out;
  },
};
