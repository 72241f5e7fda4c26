/**
 * The product grid: EPSG:3035, 10 m pixels, pixel edges on multiples of 10 m. A raster's georeferencing is its
 * upper-left corner and size; windows are whole pixels of that grid.
 */
export const STORE_EPSG = 3035;
export const PIXEL_SIZE = 10;

export type Grid = { x0: number; y0: number; width: number; height: number; pixelSize: number };
export type Bounds = { minX: number; minY: number; maxX: number; maxY: number };
export type Window = { col: number; row: number; width: number; height: number };

export const gridBounds = (g: Grid): Bounds => ({
  minX: g.x0,
  maxX: g.x0 + g.width * g.pixelSize,
  maxY: g.y0,
  minY: g.y0 - g.height * g.pixelSize,
});

export const geoTransform = (g: Grid) => [g.x0, g.pixelSize, 0, g.y0, 0, -g.pixelSize];

/** Snaps bounds outward to the 10 m grid. */
export function snapBounds(b: Bounds, pixel = PIXEL_SIZE): Bounds {
  return {
    minX: Math.floor(b.minX / pixel) * pixel,
    minY: Math.floor(b.minY / pixel) * pixel,
    maxX: Math.ceil(b.maxX / pixel) * pixel,
    maxY: Math.ceil(b.maxY / pixel) * pixel,
  };
}

/** The bounds covering both (`a` null: just `b`). */
export const unionBounds = (a: Bounds | null, b: Bounds): Bounds =>
  a
    ? {
        minX: Math.min(a.minX, b.minX),
        minY: Math.min(a.minY, b.minY),
        maxX: Math.max(a.maxX, b.maxX),
        maxY: Math.max(a.maxY, b.maxY),
      }
    : { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY };

/** The store's 10 m grid over bounds (snapped outward); empty bounds give a 0-sized grid. */
export function gridOfBounds(b: Bounds): Grid {
  const s = snapBounds(b);
  return {
    x0: s.minX,
    y0: s.maxY,
    width: Math.round((s.maxX - s.minX) / PIXEL_SIZE),
    height: Math.round((s.maxY - s.minY) / PIXEL_SIZE),
    pixelSize: PIXEL_SIZE,
  };
}

export function intersect(a: Bounds, b: Bounds): Bounds | null {
  const r = {
    minX: Math.max(a.minX, b.minX),
    minY: Math.max(a.minY, b.minY),
    maxX: Math.min(a.maxX, b.maxX),
    maxY: Math.min(a.maxY, b.maxY),
  };
  return r.minX < r.maxX && r.minY < r.maxY ? r : null;
}

/** The pixel window of `b` (snapped) inside grid `g`, or null when they do not overlap. */
export function windowOf(g: Grid, b: Bounds): Window | null {
  const i = intersect(gridBounds(g), snapBounds(b, g.pixelSize));
  if (!i) return null;
  const col = Math.round((i.minX - g.x0) / g.pixelSize);
  const row = Math.round((g.y0 - i.maxY) / g.pixelSize);
  return { col, row, width: Math.round((i.maxX - i.minX) / g.pixelSize), height: Math.round((i.maxY - i.minY) / g.pixelSize) };
}

export const boundsToPolygon = (b: Bounds) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [b.minX, b.minY],
      [b.maxX, b.minY],
      [b.maxX, b.maxY],
      [b.minX, b.maxY],
      [b.minX, b.minY],
    ] as [number, number][],
  ],
});
