/**
 * The demo areas, in EPSG:3035 on the 10 km grid of production units: about 60 km × 60 km around Vienna (36 units),
 * and a large 200 km × 200 km variant (40,000 km²; Vienna, Bratislava, Győr, Brno's south) for benchmarks.
 */
import type { Bounds } from '../grid';

export type DemoSize = 'tiny' | 'demo' | 'large';

// Vienna, Stephansplatz (16.3725 E, 48.2084 N) in EPSG:3035.
export const VIENNA_3035 = { x: 4795110, y: 2808270 };

export const DEMO_AREAS: Record<DemoSize, { extent: Bounds; product: string; year: number; split: boolean }> = {
  /** 2 × 2 units (20 km × 20 km, central Vienna) for integration tests. */
  tiny: {
    extent: { minX: 4780000, minY: 2800000, maxX: 4800000, maxY: 2820000 },
    product: 'clcplus_raster',
    year: 2021,
    split: true,
  },
  demo: {
    extent: { minX: 4760000, minY: 2780000, maxX: 4820000, maxY: 2840000 },
    product: 'clcplus_raster',
    year: 2021,
    split: true,
  },
  large: {
    extent: { minX: 4700000, minY: 2720000, maxX: 4900000, maxY: 2920000 },
    product: 'clcplus_raster_large',
    year: 2021,
    split: false,
  },
};

/** EEA reference grid cell code of the 10 km cell whose lower-left corner is (x, y), e.g. 10kmE476N278. */
export const cellCode = (x: number, y: number) => `10kmE${Math.round(x / 10000)}N${Math.round(y / 10000)}`;

/** Sub-production unit code of a cell: 3 × 3 cells of 10 km. */
export const spuCode = (x: number, y: number) => `SPU_E${Math.floor(x / 30000) * 3}N${Math.floor(y / 30000) * 3}`;

export function cells(extent: Bounds, size = 10_000): { code: string; bounds: Bounds }[] {
  const out: { code: string; bounds: Bounds }[] = [];
  for (let y = extent.minY; y < extent.maxY; y += size) {
    for (let x = extent.minX; x < extent.maxX; x += size)
      out.push({ code: cellCode(x, y), bounds: { minX: x, minY: y, maxX: x + size, maxY: y + size } });
  }
  return out;
}
