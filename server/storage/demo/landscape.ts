/**
 * A synthetic but plausible CLC+ landscape, deterministic for a seed, evaluated at any EPSG:3035 coordinate:
 * hills with forest (needle-leaved higher, broadleaved lower) and snow on the highest ground, a meandering river
 * with lakes, a large city with sealed core, parks and trees, smaller towns, and parcels of fields and meadows.
 * Classes follow the CLC+ legend (1 sealed … 11 snow and ice).
 */

/** Smooth value noise from an integer hash: values in [0, 1). */
function hash(ix: number, iy: number, seed: number): number {
  let h = (ix * 374761393 + iy * 668265263 + seed * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash(ix, iy, seed);
  const b = hash(ix + 1, iy, seed);
  const c = hash(ix, iy + 1, seed);
  const d = hash(ix + 1, iy + 1, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

/** Fractal noise: `octaves` layers of value noise, the first with features of `scale` metres. */
function fbm(x: number, y: number, scale: number, octaves: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let norm = 0;
  let f = 1 / scale;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x * f, y * f, seed + o * 101);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}

export type Landscape = {
  /** Fills `out` with the classes of one row of pixels (pixel centres x0 + 10·i + 5, y). */
  row: (x0: number, y: number, out: Uint8Array) => void;
};

/** The demo landscape around a city centre (EPSG:3035 metres). */
export function createLandscape(opts: {
  seed: number;
  cityX: number;
  cityY: number;
  extent: { minX: number; minY: number; maxX: number; maxY: number };
}): Landscape {
  const { seed, cityX, cityY, extent } = opts;
  const w = extent.maxX - extent.minX;
  const h = extent.maxY - extent.minY;
  // Smaller towns, placed deterministically.
  const towns = Array.from({ length: Math.max(3, Math.round((w * h) / 4e8)) }, (_, i) => ({
    x: extent.minX + w * (0.1 + 0.8 * hash(i, 1, seed)),
    y: extent.minY + h * (0.1 + 0.8 * hash(i, 2, seed)),
    r: 900 + 1800 * hash(i, 3, seed),
  }));
  // The river: a meander across the area from north-west to south-east.
  const riverAt = (x: number) => {
    const t = (x - extent.minX) / w;
    return extent.maxY - h * (0.2 + 0.6 * t) + 2500 * Math.sin(t * 9 + seed) + 1500 * (fbm(x, 0, 8000, 2, seed + 7) - 0.5) * 2;
  };

  // Broad fields (relief, moisture, lakes, city edge) vary over kilometres: evaluated every 40 m and held, which
  // keeps generation fast; the 10 m detail is evaluated at every pixel.
  const COARSE = 40;
  const coarse = (cx: number, cy: number) => {
    const ramp = Math.max(0, (extent.maxX - cx) / w - 0.3) * 0.55 + Math.max(0, (extent.maxY - cy) / h - 0.3) * 0.45;
    return {
      elev: 0.55 * fbm(cx, cy, 9000, 5, seed) + ramp,
      moist: fbm(cx, cy, 3000, 4, seed + 31),
      lakeNoise: fbm(cx, cy, 2500, 3, seed + 83),
      cityWobble: fbm(cx, cy, 4000, 3, seed + 13),
      river: riverAt(cx),
    };
  };
  let cacheY = NaN;
  let cacheX0 = NaN;
  let cache: ReturnType<typeof coarse>[] = [];

  return {
    row: (x0, y, out) => {
      const cy = Math.floor(y / COARSE) * COARSE + COARSE / 2;
      if (cy !== cacheY || x0 !== cacheX0) {
        cacheY = cy;
        cacheX0 = x0;
        cache = Array.from({ length: Math.ceil((out.length * 10) / COARSE) + 1 }, (_, k) =>
          coarse(Math.floor(x0 / COARSE) * COARSE + k * COARSE + COARSE / 2, cy),
        );
      }
      // Only the towns this row passes through.
      const rowTowns = towns.filter((t) => Math.abs(y - t.y) < t.r);
      for (let i = 0; i < out.length; i++) {
        const x = x0 + 10 * i + 5;
        const c = cache[Math.floor((x - Math.floor(x0 / COARSE) * COARSE) / COARSE)]!;
        const { elev, moist } = c;
        const detail = fbm(x, y, 400, 3, seed + 59);

        const dRiver = Math.abs(y - c.river);
        const lake = c.lakeNoise < 0.2 && elev < 0.5;
        if (dRiver < 160 + 80 * detail || lake) {
          out[i] = 10;
          continue;
        }
        if (elev > 0.95) {
          out[i] = detail > 0.45 ? 11 : 9;
          continue;
        }
        if (elev > 0.87) {
          out[i] = detail > 0.62 ? 8 : detail > 0.4 ? 9 : 5;
          continue;
        }
        // The city: sealed core, parks and trees thinning outward.
        const dCity = Math.hypot(x - cityX, y - cityY) / (9000 + 9000 * (c.cityWobble - 0.5));
        let town = 0;
        for (const t of rowTowns) town = Math.max(town, 1 - Math.hypot(x - t.x, y - t.y) / t.r);
        const urban = Math.max(1 - dCity, town);
        if (urban > 0.15) {
          const u = urban + 0.35 * (detail - 0.5);
          out[i] = u > 0.45 ? (detail > 0.8 ? 6 : 1) : u > 0.3 ? (detail > 0.6 ? 3 : 1) : detail > 0.5 ? 6 : 1;
          continue;
        }
        if (elev > 0.55) {
          out[i] = elev > 0.68 ? (moist > 0.62 ? 3 : 2) : moist > 0.45 ? 3 : 2;
          if (detail > 0.82) out[i] = 5;
          continue;
        }
        if (dRiver < 700 && detail > 0.55) {
          out[i] = moist > 0.5 ? 3 : 6; // riparian woods and meadows
          continue;
        }
        // Farmland in parcels: each 300 × 200 m parcel is a field, a meadow, or occasionally a copse.
        const px = Math.floor((x + 1e5 * hash(Math.floor(y / 200), 9, seed)) / 300);
        const py = Math.floor(y / 200);
        const p = hash(px, py, seed + 5);
        out[i] = p < 0.62 ? 7 : p < 0.88 ? 6 : p < 0.95 ? 3 : 5;
        if (moist < 0.25 && detail > 0.7) out[i] = 9;
      }
    },
  };
}
