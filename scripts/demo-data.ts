/**
 * `npm run demo-data [-- --size demo|large] [--seed N] [--if-empty]`: synthetic CLC+ data around Vienna, ingested
 * into the store (see server/storage/demo/). `--if-empty` does nothing when the demo product is already stored
 * (used by the seed step of `npm start`).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDb } from '~/db/client';
import { DEMO_AREAS, type DemoSize } from '~/server/storage/demo/demo-areas';
import { makeDemoData } from '~/server/storage/demo/make-demo-data';
import { listGroups } from '~/server/storage/find-groups';
import { env } from '~/server/env.js';
import { progressBar } from './lib/progress';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'demo' },
    seed: { type: 'string', default: '2021' },
    'if-empty': { type: 'boolean', default: false },
  },
});
const size = values.size as DemoSize;
if (!(size in DEMO_AREAS)) {
  console.error(`--size must be tiny, demo or large`);
  process.exit(2);
}
const db = await getDb();
try {
  const area = DEMO_AREAS[size];
  const stored = async (product: string) => (await listGroups(db, { product, referenceYear: area.year })).length > 0;
  if (values['if-empty'] && (await stored(area.product)) && (!area.split || (await stored('clcplus_vector')))) {
    console.log(`  ✓ demo data present (${area.product} ${area.year})`);
  } else {
    const t0 = performance.now();
    const { extent } = area;
    const bar = progressBar(`demo data (${size})`, ((extent.maxX - extent.minX) / 10) * ((extent.maxY - extent.minY) / 10) * 2);
    const r = await makeDemoData(
      { db, storeDir: env.STORE_DIR, workDir: path.join('.data', 'demo') },
      {
        size,
        seed: Number(values.seed),
        onProgress: (done) => bar.update(done),
      },
    );
    bar.done();
    console.log(
      `  ✓ ${r.units} unit(s), ${(r.pixels / 1e6).toFixed(0)} Mpx of ${r.product} ${r.year}${r.features ? ` and ${r.features} polygons of clcplus_vector` : ''} in the store (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  await closeDb();
}
