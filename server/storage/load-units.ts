/**
 * Loads production units (10 km cells) and their sub-production units for an area into the database; idempotent.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { productionUnits, subProductionUnits } from '~/db/schema';
import { cells, spuCode } from './demo/demo-areas';
import { boundsToPolygon, type Bounds } from './grid';

export async function loadUnits(db: Database, extent: Bounds): Promise<{ units: number; spus: number }> {
  const list = cells(extent);
  const spus = new Map<string, Bounds>();
  for (const c of list) {
    const code = spuCode(c.bounds.minX, c.bounds.minY);
    const b = spus.get(code);
    spus.set(
      code,
      b
        ? {
            minX: Math.min(b.minX, c.bounds.minX),
            minY: Math.min(b.minY, c.bounds.minY),
            maxX: Math.max(b.maxX, c.bounds.maxX),
            maxY: Math.max(b.maxY, c.bounds.maxY),
          }
        : c.bounds,
    );
  }
  return db.transaction(async (tx) => {
    const spuRows = await tx
      .insert(subProductionUnits)
      .values(
        [...spus].map(([code, b]) => ({
          code,
          name: `Sub-production unit ${code.slice(4)}`,
          partner: 'demo',
          geom: boundsToPolygon(b),
        })),
      )
      .onConflictDoUpdate({ target: subProductionUnits.code, set: { geom: sql`excluded.geom`, updatedAt: sql`now()` } })
      .returning({ id: subProductionUnits.id, code: subProductionUnits.code });
    const spuId = new Map(spuRows.map((r) => [r.code, r.id]));
    await tx
      .insert(productionUnits)
      .values(
        list.map((c) => ({
          code: c.code,
          subProductionUnitId: spuId.get(spuCode(c.bounds.minX, c.bounds.minY))!,
          geom: boundsToPolygon(c.bounds),
          areaKm2: ((c.bounds.maxX - c.bounds.minX) * (c.bounds.maxY - c.bounds.minY)) / 1e6,
        })),
      )
      .onConflictDoUpdate({
        target: productionUnits.code,
        set: { geom: sql`excluded.geom`, subProductionUnitId: sql`excluded.sub_production_unit_id`, updatedAt: sql`now()` },
      });
    return { units: list.length, spus: spus.size };
  });
}
