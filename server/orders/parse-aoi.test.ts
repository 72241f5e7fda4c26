/** The AOI parser, table-driven: every accepted form and what it becomes; every refusal and what it says. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseAoi } from './parse-aoi';

const SQUARE = [
  [16.3, 48.1],
  [16.4, 48.1],
  [16.4, 48.2],
  [16.3, 48.2],
  [16.3, 48.1],
];
const HOLE = [
  [16.33, 48.13],
  [16.36, 48.13],
  [16.36, 48.16],
  [16.33, 48.13],
];
const square = { type: 'MultiPolygon', coordinates: [[SQUARE]] };
const polygon = { type: 'Polygon', coordinates: [SQUARE] };
const feature = { type: 'Feature', properties: {}, geometry: polygon };
const named = (name: string) => ({ type: 'name', properties: { name } });

const accepted: [string, unknown, unknown][] = [
  ['WKT POLYGON', 'POLYGON ((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.2, 16.3 48.1))', square],
  ['WKT in lower case, odd spacing', '  polygon((16.3 48.1,16.4 48.1 , 16.4 48.2,16.3 48.2,16.3 48.1)) ', square],
  ['WKT with SRID=4326', 'SRID=4326;POLYGON ((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.2, 16.3 48.1))', square],
  [
    'WKT numbers in exponent form',
    'POLYGON ((1.63e1 48.1, 16.4 4.81E1, 16.4 48.2, 16.3 48.2, 16.3 48.1))',
    {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [16.3, 48.1],
            [16.4, 48.1],
            [16.4, 48.2],
            [16.3, 48.2],
            [16.3, 48.1],
          ],
        ],
      ],
    },
  ],
  ['WKT unclosed ring (closed here)', 'POLYGON ((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.2))', square],
  [
    'WKT repeated points (dropped)',
    'POLYGON ((16.3 48.1, 16.3 48.1, 16.4 48.1, 16.4 48.2, 16.4 48.2, 16.3 48.2, 16.3 48.1))',
    square,
  ],
  [
    'WKT MULTIPOLYGON with a hole',
    'MULTIPOLYGON (((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.2, 16.3 48.1), (16.33 48.13, 16.36 48.13, 16.36 48.16, 16.33 48.13)), ((16.5 48.1, 16.6 48.1, 16.6 48.2, 16.5 48.1)))',
    {
      type: 'MultiPolygon',
      coordinates: [
        [SQUARE, HOLE],
        [
          [
            [16.5, 48.1],
            [16.6, 48.1],
            [16.6, 48.2],
            [16.5, 48.1],
          ],
        ],
      ],
    },
  ],
  ['GeoJSON Polygon', polygon, square],
  ['GeoJSON MultiPolygon', square, square],
  ['GeoJSON Feature', feature, square],
  ['GeoJSON FeatureCollection of one', { type: 'FeatureCollection', features: [feature] }, square],
  ['GeoJSON as a string', JSON.stringify(feature), square],
  ['GeoJSON 2008 crs naming CRS84', { ...polygon, crs: named('urn:ogc:def:crs:OGC:1.3:CRS84') }, square],
  ['GeoJSON 2008 crs naming EPSG:4326 (lon/lat, as GDAL reads it)', { ...feature, crs: named('EPSG:4326') }, square],
  ['bbox array', [16.3, 48.1, 16.4, 48.2], square],
  ['bbox string', ' 16.3, 48.1,16.4 ,48.2', square],
];

const refused: [string, unknown, string][] = [
  ['empty WKT', 'POLYGON EMPTY', 'the polygon is empty'],
  ['a point', 'POINT (16.3 48.1)', 'must be a POLYGON or MULTIPOLYGON, not "POINT"'],
  ['no geometry at all', '(( 1 2 ))', 'must be a POLYGON or MULTIPOLYGON, not "("'],
  ['3D WKT', 'POLYGON Z ((16.3 48.1 1, 16.4 48.1 1, 16.4 48.2 1, 16.3 48.1 1))', 'only 2D coordinates'],
  ['a third coordinate', 'POLYGON ((16.3 48.1, 16.4 48.1 5, 16.4 48.2, 16.3 48.1))', 'only 2D coordinates'],
  ['unbalanced parentheses', 'POLYGON ((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.1)', 'expected ")"'],
  ['a word for a number', 'POLYGON ((16.3 48.1, east 48.1, 16.4 48.2, 16.3 48.1))', 'expected a number at token 7, found "east"'],
  [
    'text after the geometry',
    'POLYGON ((16.3 48.1, 16.4 48.1, 16.4 48.2, 16.3 48.1)) POINT',
    'unexpected "POINT" after the geometry',
  ],
  ['another SRID', 'SRID=3857;POLYGON ((0 0, 1 0, 1 1, 0 0))', 'SRID=3857'],
  ['latitude out of range', 'POLYGON ((16.3 48.1, 16.4 91, 16.4 48.2, 16.3 48.1))', '(16.4 91) is not a longitude/latitude'],
  [
    'metres instead of degrees',
    'POLYGON ((4800000 2800000, 4810000 2800000, 4810000 2810000, 4800000 2800000))',
    'is not a longitude/latitude',
  ],
  ['too few points', 'POLYGON ((16.3 48.1, 16.4 48.1, 16.3 48.1))', 'fewer than 3 distinct points'],
  [
    'GeoJSON Point',
    { type: 'Point', coordinates: [16.3, 48.1] },
    'must be Polygon, MultiPolygon or a Feature of one, not "Point"',
  ],
  ['GeoJSON without type', { coordinates: [SQUARE] }, 'not null'],
  ['GeoJSON empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, 'needs at least one polygon'],
  ['GeoJSON Polygon without rings', { type: 'Polygon', coordinates: [] }, 'needs at least one ring'],
  [
    'GeoJSON position as strings',
    { type: 'Polygon', coordinates: [[['16.3', '48.1']]] },
    'coordinates[0][0]: a position must be',
  ],
  ['GeoJSON 3D position', { type: 'Polygon', coordinates: [[[16.3, 48.1, 200]]] }, 'only 2D coordinates'],
  ['FeatureCollection of two', { type: 'FeatureCollection', features: [feature, feature] }, 'exactly one feature'],
  ['broken GeoJSON string', '{"type": "Polygon", "coordinates": [[', 'starts like GeoJSON but is not valid JSON'],
  ['GeoJSON 2008 crs in Web Mercator', { ...polygon, crs: named('EPSG:3857') }, 'names the CRS "EPSG:3857"'],
  ['crs on the Feature', { ...feature, crs: named('urn:ogc:def:crs:EPSG::3035') }, 'names the CRS "urn:ogc:def:crs:EPSG::3035"'],
  ['crs on the geometry of a Feature', { ...feature, geometry: { ...polygon, crs: named('EPSG:31287') } }, '"EPSG:31287"'],
  ['crs on a FeatureCollection', { type: 'FeatureCollection', crs: named('EPSG:32633'), features: [feature] }, '"EPSG:32633"'],
  ['crs by link', { ...polygon, crs: { type: 'link', properties: { href: 'http://x/crs' } } }, 'crs member must name a CRS'],
  ['bbox min above max', [16.4, 48.1, 16.3, 48.2], 'min must be smaller than max'],
  ['bbox of three numbers', [16.3, 48.1, 16.4], 'a bbox is [minLon, minLat, maxLon, maxLat]'],
  ['bbox with a string in it', [16.3, '48.1', 16.4, 48.2], 'a bbox is [minLon, minLat, maxLon, maxLat]'],
  ['not an AOI at all', 42, 'GeoJSON must be an object'],
];

describe('parseAoi accepts', () => {
  it.each(accepted)('%s', (_name, input, expected) => {
    expect(parseAoi(input)).toEqual(expected);
  });
});

describe('parseAoi refuses, naming the problem', () => {
  it.each(refused)('%s', (_name, input, message) => {
    let error: unknown;
    try {
      parseAoi(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect([e.code, e.reason]).toEqual(['VALIDATION', 'INVALID_AOI']);
    expect(e.detail).toMatch(/^aoi: /);
    expect(e.detail).toContain(message);
  });
});
