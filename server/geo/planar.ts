/**
 * Area and extent of a projected MultiPolygon in plain JavaScript (what GDAL's getArea/getEnvelope give), for the
 * web process, which measures AOIs without GDAL.
 */
import type { Bounds } from '../storage/grid';
import type { MultiPolygonCoords } from './densify';

/** |shoelace| of a closed ring. */
function ringArea(ring: number[][]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

/** Area of a MultiPolygon: each polygon's shell minus its holes, whatever the rings' orientation (as OGR). */
export function multiPolygonArea(g: MultiPolygonCoords): number {
  let area = 0;
  for (const [shell, ...holes] of g.coordinates) {
    if (!shell) continue;
    area += ringArea(shell);
    for (const h of holes) area -= ringArea(h);
  }
  return area;
}

/** The bounding box of a MultiPolygon (its shells are enough: holes lie inside them). */
export function multiPolygonBounds(g: MultiPolygonCoords): Bounds {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [shell] of g.coordinates) {
    for (const [x, y] of shell ?? []) {
      if (x! < b.minX) b.minX = x!;
      if (x! > b.maxX) b.maxX = x!;
      if (y! < b.minY) b.minY = y!;
      if (y! > b.maxY) b.maxY = y!;
    }
  }
  return b;
}
