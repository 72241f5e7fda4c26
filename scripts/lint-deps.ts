/**
 * `npm run lint:deps`: dependency-cruiser with .dependency-cruiser.cjs over the whole repository (the layers, and
 * what the web process can reach); exit code 1 on any violation. `npm run lint:deps -- --graph` also writes the
 * folder-level import graph to docs/img/layers.dot and, with Graphviz's `dot`, docs/img/layers.svg.
 *
 * Through dependency-cruiser's API rather than its `depcruise` command: the command refuses Node 20 (its engines
 * say ^22 || ^24 || >=26), which package.json still allows; the API itself runs on Node 20.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cruise, format, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(import.meta.dirname, '..');
const LAYERS = ['app', 'server', 'db', 'jobs', 'dags', 'scripts', 'bench', 'test', 'playwright'];
// The layers as boxes (server/env.js, the configuration leaf, apart), and the same with server by domain.
const GRAPHS = {
  'docs/img/layers': '^(app|server/env\\.js|server|db/seed|db|jobs|dags)',
  'docs/img/layers-by-domain': '^(app|server/[^/]+|db/seed|db|jobs|dags)',
};

process.chdir(ROOT);
const t0 = performance.now();
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = extractTSConfig('tsconfig.json');
const checked = await cruise(LAYERS, { ...options, outputType: 'err' }, undefined, { tsConfig });
process.stdout.write(String(checked.output));
console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);

if (process.argv.includes('--graph')) {
  // Folder level: tests, the tooling (scripts, bench, test, playwright) and npm/Node modules left out, so that the
  // layers stay readable; the seed (a script beside the schema) apart from db.
  const cruised = await cruise(LAYERS, { ...options, outputType: 'json' }, undefined, { tsConfig });
  const result = (typeof cruised.output === 'string' ? JSON.parse(cruised.output) : cruised.output) as ICruiseResult;
  for (const [file, collapse] of Object.entries(GRAPHS)) {
    const archi = await format(result, {
      outputType: 'archi',
      includeOnly: '^(app|server|db|jobs|dags)/',
      exclude: '\\.test\\.ts$',
      collapse,
    });
    fs.writeFileSync(`${file}.dot`, String(archi.output));
    execFileSync('dot', ['-Tsvg', '-o', `${file}.svg`, `${file}.dot`]);
    console.log(`graph: ${file}.dot, ${file}.svg`);
  }
}
process.exitCode = checked.exitCode === 0 ? 0 : 1;
