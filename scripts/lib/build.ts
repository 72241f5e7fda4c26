/**
 * `next build` only when the sources changed since the last build: the content hash of everything the build reads
 * is kept in .next/.clcplus-source-hash.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// What the web bundle is made of. Not jobs/ or dags/: the web never reaches them (npm run lint:deps), so a change
// to the worker does not cost a rebuild.
const INPUTS = ['app', 'server', 'db/schema', 'db/client.ts', 'public', 'next.config.js', 'tsconfig.json', 'package-lock.json'];
const MARKER = '.next/.clcplus-source-hash';

function* files(p: string): Generator<string> {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isFile()) {
    yield p;
    return;
  }
  for (const e of fs.readdirSync(p).sort()) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    yield* files(path.join(p, e));
  }
}

export function sourceHash(): string {
  const h = createHash('sha256');
  for (const input of INPUTS) for (const f of files(input)) h.update(f).update('\0').update(fs.readFileSync(f));
  return h.digest('hex');
}

/** Builds the web app unless the last build is of the same sources. Returns whether it built. */
export function buildIfNeeded(): boolean {
  const hash = sourceHash();
  if (fs.existsSync('.next/BUILD_ID') && fs.existsSync(MARKER) && fs.readFileSync(MARKER, 'utf8') === hash) {
    console.log('  ✓ web build is up to date');
    return false;
  }
  console.log('▸ Building the web app (next build)');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) {
    console.error('✗ next build failed');
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(MARKER, hash);
  console.log(`  ✓ built in ${Math.round((Date.now() - t0) / 1000)} s`);
  return true;
}
