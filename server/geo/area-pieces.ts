/**
 * Clipping many features to one large polygon (an AOI densified to 10 m segments has ~90,000 vertices near the area
 * limit). GEOS tests and clips a feature against the whole polygon each time, so the cost of each feature grows with
 * the polygon's size (≈ 12 ms a feature near the limit). Here the polygon is cut once into small pieces along a
 * k-d split of its bounding box (as PostGIS ST_Subdivide does: halve the longer side until a piece has at most
 * `maxVertices` vertices; a part of the box wholly inside the polygon is kept as that box). A feature is then
 * clipped to the union of the few pieces whose boxes meet its envelope: since those boxes cover the envelope, that
 * local polygon meets the feature exactly where the whole one does.
 */
import type { Geometry, MultiPolygon } from 'gdal-async';
import { boundsToPolygon, type Bounds } from '../storage/grid';
import gdal from './gdal';

/** `full`: the box lies wholly inside the area (checked once with GEOS), so whatever lies in the box is inside. */
type Piece = { box: Bounds; geometry: Geometry; full: boolean };

export function vertexCount(g: Geometry): number {
  if (g instanceof gdal.Polygon) {
    let n = 0;
    for (let i = 0; i < g.rings.count(); i++) n += g.rings.get(i).points.count();
    return n;
  }
  if (g instanceof gdal.GeometryCollection) {
    let n = 0;
    for (let i = 0; i < g.children.count(); i++) n += vertexCount(g.children.get(i));
    return n;
  }
  return 0;
}

/** The polygons of a geometry (an intersection may add lines and points where edges touch) as one MultiPolygon. */
function polygonsOf(g: Geometry, into: MultiPolygon = new gdal.MultiPolygon()): MultiPolygon {
  if (g instanceof gdal.Polygon) {
    if (!g.isEmpty()) into.children.add(g);
  } else if (g instanceof gdal.GeometryCollection) {
    for (let i = 0; i < g.children.count(); i++) polygonsOf(g.children.get(i), into);
  }
  return into;
}

const boxGeometry = (b: Bounds) => gdal.Geometry.fromGeoJson(boundsToPolygon(b));
const overlaps = (a: Bounds, b: Bounds) => a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
const inside = (a: Bounds, b: Bounds) => a.minX >= b.minX && a.maxX <= b.maxX && a.minY >= b.minY && a.maxY <= b.maxY;

function subdivide(g: Geometry, box: Bounds, maxVertices: number, out: Piece[], depth = 0) {
  if (depth >= 24 || vertexCount(g) <= maxVertices) {
    out.push({ box, geometry: g, full: boxGeometry(box).within(g) });
    return;
  }
  const wide = box.maxX - box.minX >= box.maxY - box.minY;
  const mid = wide ? (box.minX + box.maxX) / 2 : (box.minY + box.maxY) / 2;
  const halves: Bounds[] = wide
    ? [
        { ...box, maxX: mid },
        { ...box, minX: mid },
      ]
    : [
        { ...box, maxY: mid },
        { ...box, minY: mid },
      ];
  for (const half of halves) {
    const part = polygonsOf(g.intersection(boxGeometry(half)));
    if (part.children.count() === 0) continue;
    subdivide(part, half, maxVertices, out, depth + 1);
  }
}

export type AreaPieces = {
  /** The part of `feature` inside the area (may be a collection with lines where they touch), or null if none. */
  clip(feature: Geometry): Geometry | null;
  pieces: number;
};

export function areaPieces(area: Geometry, options: { maxVertices?: number } = {}): AreaPieces {
  const e = area.getEnvelope();
  const pieces: Piece[] = [];
  subdivide(polygonsOf(area), { minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: e.maxY }, options.maxVertices ?? 256, pieces);
  const unions = new Map<string, Geometry>(); // by the indices of the pieces
  const boxUnions = new Map<string, Geometry>();
  return {
    pieces: pieces.length,
    clip(feature) {
      const f = feature.getEnvelope();
      const env = { minX: f.minX, minY: f.minY, maxX: f.maxX, maxY: f.maxY };
      const near: Piece[] = [];
      let key = '';
      for (let i = 0; i < pieces.length; i++)
        if (overlaps(pieces[i]!.box, env)) {
          near.push(pieces[i]!);
          key += `${i},`;
        }
      if (!near.length) return null;
      // Inside a box wholly in the area: inside the area, no GEOS test (most features of a large area).
      if (near.some((p) => p.full && inside(env, p.box))) return feature;
      // Across several such boxes: inside when their union covers its envelope (a test on boxes only).
      if (near.every((p) => p.full)) {
        let boxes = boxUnions.get(key);
        if (!boxes) {
          const all = new gdal.MultiPolygon();
          for (const p of near) all.children.add(boxGeometry(p.box));
          boxUnions.set(key, (boxes = all.unionCascaded()));
        }
        if (boxGeometry(env).within(boxes)) return feature;
      }
      let local = near.length === 1 ? near[0]!.geometry : unions.get(key);
      if (!local) {
        // Neighbouring features meet the same few pieces: their union is made once.
        const all = new gdal.MultiPolygon();
        for (const p of near) polygonsOf(p.geometry, all);
        unions.set(key, (local = all.unionCascaded()));
      }
      // Its envelope inside the local area: so is the feature (a 5-vertex test instead of two on its many vertices).
      if (boxGeometry(env).within(local)) return feature;
      if (!feature.intersects(local)) return null;
      return feature.within(local) ? feature : feature.intersection(local);
    },
  };
}
