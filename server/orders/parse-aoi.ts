/**
 * An order's area of interest, as clients send it, to one GeoJSON MultiPolygon in EPSG:4326 (lon, lat):
 * - WKT `POLYGON` / `MULTIPOLYGON` (optionally `SRID=4326;…`), the legacy API's form;
 * - a GeoJSON Polygon / MultiPolygon, or a Feature / single-feature FeatureCollection holding one;
 * - a bbox `[minLon, minLat, maxLon, maxLat]` (array or comma-separated string).
 * A GeoJSON `crs` member (GeoJSON 2008) other than WGS 84 lon/lat is refused, as is a WKT `SRID=` other than 4326.
 * Trivial defects are repaired here: an unclosed ring is closed, repeated consecutive points are dropped. Anything
 * else (too few points, coordinates out of range, NaN, 3D…) is an AppError naming the problem and where it is.
 * Topology (self-intersections…) is checked in PostGIS by check-aoi.ts.
 */
import { AppError } from '../errors';

export type Ring = [number, number][];
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Ring[][] };

const fail = (detail: string) => new AppError('VALIDATION', `aoi: ${detail}`, { reason: 'INVALID_AOI' });

function tokenize(wkt: string): string[] {
  const tokens = wkt.match(/[A-Za-z]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[(),]|\S/g) ?? [];
  return tokens;
}

/** Parses WKT (Multi)Polygon in 2D. */
export function parseWkt(text: string): Ring[][] {
  let s = text.trim();
  const srid = /^SRID=(\d+);/i.exec(s);
  if (srid) {
    if (srid[1] !== '4326') throw fail(`the WKT says SRID=${srid[1]}; send longitude/latitude in EPSG:4326`);
    s = s.slice(srid[0].length);
  }
  const t = tokenize(s);
  let i = 0;
  const peek = () => t[i];
  const expect = (tok: string) => {
    if (t[i]?.toUpperCase() !== tok)
      throw fail(`not valid WKT: expected "${tok}" at token ${i + 1}, found "${t[i] ?? 'the end'}"`);
    i++;
  };
  const number = () => {
    const v = Number(t[i]);
    if (t[i] === undefined || !/^[-+.\d]/.test(t[i]!) || !Number.isFinite(v))
      throw fail(`not valid WKT: expected a number at token ${i + 1}, found "${t[i] ?? 'the end'}"`);
    i++;
    return v;
  };
  const ring = (): Ring => {
    expect('(');
    const pts: Ring = [];
    for (;;) {
      const x = number();
      const y = number();
      if (peek() !== ',' && peek() !== ')') throw fail('only 2D coordinates (longitude latitude) are accepted');
      pts.push([x, y]);
      if (peek() === ',') i++;
      else break;
    }
    expect(')');
    return pts;
  };
  const polygon = (): Ring[] => {
    expect('(');
    const rings = [ring()];
    while (peek() === ',') {
      i++;
      rings.push(ring());
    }
    expect(')');
    return rings;
  };
  const kind = t[i++]?.toUpperCase();
  if (kind !== 'POLYGON' && kind !== 'MULTIPOLYGON') {
    throw fail(`the WKT must be a POLYGON or MULTIPOLYGON, not ${kind ? `"${kind}"` : 'empty'}`);
  }
  if (/^(Z|M|ZM)$/i.test(peek() ?? '')) throw fail('only 2D coordinates (longitude latitude) are accepted');
  if (peek()?.toUpperCase() === 'EMPTY') throw fail('the polygon is empty');
  let polys: Ring[][];
  if (kind === 'POLYGON') polys = [polygon()];
  else {
    expect('(');
    polys = [polygon()];
    while (peek() === ',') {
      i++;
      polys.push(polygon());
    }
    expect(')');
  }
  if (i !== t.length) throw fail(`not valid WKT: unexpected "${t[i]}" after the geometry`);
  return polys;
}

const position = (p: unknown, where: string): [number, number] => {
  if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number'))
    throw fail(`${where}: a position must be [longitude, latitude]`);
  if (p.length > 2) throw fail(`${where}: only 2D coordinates (longitude latitude) are accepted`);
  return [p[0] as number, p[1] as number];
};
const ringsOf = (rings: unknown, where: string): Ring[] => {
  if (!Array.isArray(rings) || rings.length === 0) throw fail(`${where}: a polygon needs at least one ring`);
  return rings.map((r, k) => {
    if (!Array.isArray(r)) throw fail(`${where}[${k}]: a ring must be a list of positions`);
    return r.map((p, j) => position(p, `${where}[${k}][${j}]`));
  });
};

/**
 * Names of the one CRS a GeoJSON AOI may declare: WGS 84 longitude/latitude. RFC 7946 dropped the `crs` member of
 * the 2008 GeoJSON specification; files written under it still carry one. `EPSG:4326` is read with longitude first,
 * as GDAL's GeoJSON driver and the legacy WKT form do.
 */
const LONLAT_CRS = new Set(
  [
    'urn:ogc:def:crs:OGC:1.3:CRS84',
    'urn:ogc:def:crs:OGC::CRS84',
    'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    'OGC:CRS84',
    'CRS84',
    'EPSG:4326',
    'urn:ogc:def:crs:EPSG::4326',
    'urn:ogc:def:crs:EPSG:4326',
    'http://www.opengis.net/def/crs/EPSG/0/4326',
  ].map((n) => n.toLowerCase()),
);

/** A `crs` member is honoured only when it names WGS 84 lon/lat; any other is refused, never ignored. */
function checkCrs(crs: unknown) {
  if (crs === undefined || crs === null) return;
  const c = crs as { type?: unknown; properties?: { name?: unknown } };
  const name = c?.type === 'name' && typeof c.properties?.name === 'string' ? c.properties.name : null;
  if (name === null) {
    throw fail('the GeoJSON crs member must name a CRS ({"type": "name", "properties": {"name": …}}); better, leave it out');
  }
  if (!LONLAT_CRS.has(name.trim().toLowerCase())) {
    throw fail(
      `the GeoJSON names the CRS ${JSON.stringify(name.slice(0, 100))}; send coordinates in longitude/latitude ` +
        '(WGS 84, EPSG:4326) without a crs member (RFC 7946), or drop it if they already are',
    );
  }
}

/** Parses a GeoJSON geometry, Feature or FeatureCollection of one feature. */
export function parseGeoJson(value: unknown): Ring[][] {
  const o = value as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown; crs?: unknown };
  if (!o || typeof o !== 'object') throw fail('GeoJSON must be an object');
  checkCrs(o.crs);
  switch (o.type) {
    case 'Feature':
      return parseGeoJson(o.geometry);
    case 'FeatureCollection': {
      const f = o.features;
      if (!Array.isArray(f) || f.length !== 1) throw fail('a FeatureCollection must hold exactly one feature');
      return parseGeoJson(f[0]);
    }
    case 'Polygon':
      return [ringsOf(o.coordinates, 'coordinates')];
    case 'MultiPolygon':
      if (!Array.isArray(o.coordinates) || o.coordinates.length === 0) throw fail('a MultiPolygon needs at least one polygon');
      return o.coordinates.map((p, k) => ringsOf(p, `coordinates[${k}]`));
    default:
      throw fail(`GeoJSON type must be Polygon, MultiPolygon or a Feature of one, not ${JSON.stringify(o.type ?? null)}`);
  }
}

export function bboxPolygon(b: number[]): Ring[][] {
  if (b.length !== 4 || !b.every(Number.isFinite)) throw fail('a bbox is [minLon, minLat, maxLon, maxLat]');
  const [x0, y0, x1, y1] = b as [number, number, number, number];
  if (!(x0 < x1 && y0 < y1)) throw fail('bbox: min must be smaller than max on both axes ([minLon, minLat, maxLon, maxLat])');
  return [
    [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  ];
}

/** Closes rings, drops repeated points, checks ranges and sizes. */
export function normalizeRings(polys: Ring[][]): MultiPolygon {
  const coordinates = polys.map((rings, p) =>
    rings.map((ring, r) => {
      const where = polys.length > 1 ? `polygon ${p + 1}, ring ${r + 1}` : `ring ${r + 1}`;
      const out: Ring = [];
      for (const [x, y] of ring) {
        if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
          throw fail(`${where}: (${x} ${y}) is not a longitude/latitude in EPSG:4326 (longitude first)`);
        }
        const last = out[out.length - 1];
        if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
      }
      const first = out[0];
      const last = out[out.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
      if (out.length < 4) throw fail(`${where} has fewer than 3 distinct points`);
      return out;
    }),
  );
  return { type: 'MultiPolygon', coordinates };
}

/** Any accepted AOI form → a normalized MultiPolygon in EPSG:4326. */
export function parseAoi(aoi: unknown): MultiPolygon {
  if (typeof aoi === 'string') {
    const s = aoi.trim();
    if (s.startsWith('{')) {
      let json: unknown;
      try {
        json = JSON.parse(s);
      } catch {
        throw fail('starts like GeoJSON but is not valid JSON');
      }
      return normalizeRings(parseGeoJson(json));
    }
    if (/^[-+\d.\s]+(,[-+\d.\s]+){3}$/.test(s)) return normalizeRings(bboxPolygon(s.split(',').map(Number)));
    return normalizeRings(parseWkt(s));
  }
  if (Array.isArray(aoi)) return normalizeRings(bboxPolygon(aoi.map((v) => (typeof v === 'number' ? v : NaN))));
  return normalizeRings(parseGeoJson(aoi));
}
