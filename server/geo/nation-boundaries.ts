/**
 * Country boundaries for the nations of the national product, from Natural Earth 1:10m (npm `world-atlas`,
 * public domain). Several nations are parts of a Natural Earth country (Spain and the Canaries, Portugal and its
 * islands, Great Britain and Northern Ireland); they are split by the position of each polygon. Everything is kept
 * to Europe (overseas territories are outside the CLC+ area).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Ring = [number, number][];
type PolygonCoords = Ring[];
type Predicate = (lon: number, lat: number) => boolean;

const inEurope: Predicate = (lon, lat) => lon > -32 && lon < 45 && lat > 27 && lat < 72;
const isNorthernIreland: Predicate = (lon, lat) => lon < -5.3 && lat > 53.9 && lat < 55.45;

/** Nation name (as in the nations table) → Natural Earth country name and which of its polygons belong to it. */
export const NATION_SOURCES: Record<string, { ne: string; part?: Predicate }> = {
  'Bosnia And Herzegovina': { ne: 'Bosnia and Herz.' },
  'Czech Republic': { ne: 'Czechia' },
  'Fyr Of Macedonia': { ne: 'Macedonia' },
  'Kosovo Under Unscr 1244/99': { ne: 'Kosovo' },
  'Great Britain': { ne: 'United Kingdom', part: (lon, lat) => !isNorthernIreland(lon, lat) },
  'Northern Ireland': { ne: 'United Kingdom', part: isNorthernIreland },
  'Guernsey (Channel Islands)': { ne: 'Guernsey' },
  'Jersey (Channel Islands)': { ne: 'Jersey' },
  Spain: { ne: 'Spain', part: (_lon, lat) => lat > 34 },
  'Spain (Canaries)': { ne: 'Spain', part: (_lon, lat) => lat < 30 },
  Portugal: { ne: 'Portugal', part: (lon) => lon > -10 },
  'Portugal (Madeira)': { ne: 'Portugal', part: (lon, lat) => lon > -18 && lon < -15 && lat > 30 && lat < 34 },
  'Portugal (Azores Western Group)': { ne: 'Portugal', part: (lon) => lon < -30 },
  'Portugal (Azores Central And Eastern Group)': { ne: 'Portugal', part: (lon) => lon >= -30 && lon < -24 },
};

const centroid = (ring: Ring): [number, number] => {
  let x = 0;
  let y = 0;
  for (const [lon, lat] of ring) {
    x += lon;
    y += lat;
  }
  return [x / ring.length, y / ring.length];
};

let countries: Map<string, PolygonCoords[]> | undefined;

function loadCountries(): Map<string, PolygonCoords[]> {
  if (countries) return countries;
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.countries as GeometryCollection<{ name: string }>);
  countries = new Map();
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys =
      g.type === 'Polygon'
        ? [g.coordinates as PolygonCoords]
        : g.type === 'MultiPolygon'
          ? (g.coordinates as PolygonCoords[])
          : [];
    countries.set(f.properties!.name, polys);
  }
  return countries;
}

/** The nation's boundary as a GeoJSON MultiPolygon (EPSG:4326), or null when Natural Earth has no such country. */
export function nationBoundary(nation: string): { type: 'MultiPolygon'; coordinates: PolygonCoords[] } | null {
  const source = NATION_SOURCES[nation] ?? { ne: nation };
  const polys = loadCountries().get(source.ne);
  if (!polys) return null;
  const keep = polys.filter((p) => {
    const [lon, lat] = centroid(p[0]!);
    return inEurope(lon, lat) && (source.part ? source.part(lon, lat) : true);
  });
  return keep.length ? { type: 'MultiPolygon', coordinates: keep } : null;
}
