/**
 * `npm run ingest -- --product clcplus_raster --year 2021 --unit 10kmE476N278 [--layer classes|confidence|data_score] FILE.tif`
 * `npm run ingest -- --product clcplus_vector --year 2021 --unit 10kmE476N278 FILE.gpkg`
 * Ingests one production unit into the product store, with a progress bar; refuses bad input with a message that
 * says what is wrong and how to fix it (exit code 2), and leaves the store as it was.
 */
import { parseArgs } from 'node:util';
import { closeDb, getDb } from '~/db/client';
import { env } from '~/server/env.js';
import { isAppError } from '~/server/errors';
import { ingestRaster } from '~/server/storage/ingest-raster';
import { CLASSES } from '~/server/storage/legend';
import { ingestVector } from '~/server/storage/vector-store';
import type { LayerKind } from '~/server/storage/raster-cube';
import { progressBar } from './lib/progress';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    product: { type: 'string', default: 'clcplus_raster' },
    year: { type: 'string' },
    unit: { type: 'string' },
    layer: { type: 'string', default: 'classes' },
    json: { type: 'boolean', default: false },
  },
});

function usage(msg: string): never {
  process.stderr.write(
    `error: ${msg}\nusage: npm run ingest -- --product CODE --year YYYY --unit UNIT [--layer classes|confidence|data_score] FILE.tif\n`,
  );
  process.exit(2);
}

const file = positionals[0] ?? usage('give the GeoTIFF to ingest');
const year = Number(values.year ?? usage('--year is required'));
if (!Number.isInteger(year) || year < 2000 || year > 2100) usage('--year must be a year like 2021');
const unit = values.unit ?? usage('--unit is required (the production unit, e.g. 10kmE476N278)');
const layer = values.layer as LayerKind;
if (!['classes', 'confidence', 'data_score'].includes(layer)) usage('--layer must be classes, confidence or data_score');

const db = await getDb();
let bar: ReturnType<typeof progressBar> | undefined;
try {
  if (/\.gpkg$/i.test(file)) {
    const r = await ingestVector(
      { db, storeDir: env.STORE_DIR },
      {
        product: values.product === 'clcplus_raster' ? 'clcplus_vector' : values.product!,
        referenceYear: year,
        group: unit,
        file,
        allowedValues: new Set(CLASSES.map((c) => c.code)),
      },
    );
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else
      console.log(`  ✓ ${r.group}: ${r.features} polygons, ${(r.bytes / 1e6).toFixed(1)} MB, sha256 ${r.sha256.slice(0, 12)}…`);
  } else await ingestRasterFile();
} catch (e) {
  if (isAppError(e) && e.status < 500) {
    process.stderr.write(`\nrefused: ${e.detail}\n`);
    process.exitCode = 2;
  } else throw e;
} finally {
  await closeDb();
}

async function ingestRasterFile() {
  const r = await ingestRaster(
    { db, storeDir: env.STORE_DIR },
    {
      file,
      product: values.product!,
      referenceYear: year,
      group: unit,
      kind: layer,
      onProgress: (done, total) => {
        bar ??= progressBar(`${unit} → ${values.product} ${year}`, total, ' rows');
        bar.update(done);
      },
    },
  );
  bar?.done();
  if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else
    console.log(
      `  ✓ ${r.replaced ? 'replaced' : 'added'} ${r.group}: ${r.grid.width} × ${r.grid.height} px, ${(r.bytes / 1e6).toFixed(1)} MB, sha256 ${r.sha256.slice(0, 12)}…`,
    );
}
