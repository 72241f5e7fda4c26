/**
 * `npm run grafana:build`: writes deploy/grafana/dashboards/*.json from deploy/grafana/src (Grafana's foundation
 * SDK builders). deploy/grafana/dashboards.test.ts fails when the committed files differ from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderDashboards } from './src';

const DIR = path.join(import.meta.dirname, 'dashboards');
fs.mkdirSync(DIR, { recursive: true });
const files = renderDashboards();
for (const f of fs.readdirSync(DIR)) if (f.endsWith('.json') && !(f.slice(0, -5) in files)) fs.rmSync(path.join(DIR, f));
for (const [name, json] of Object.entries(files)) fs.writeFileSync(path.join(DIR, `${name}.json`), json);
console.log(`${Object.keys(files).length} dashboards written to ${path.relative(process.cwd(), DIR)}`);
