/**
 * docs/operations.md lists every exported series (name, type, labels): this fails when the list and what the
 * registries expose differ (a metric added, removed, retyped or relabelled without the docs).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Database } from '~/db/client';
import type { Queues } from '../queue/enqueue';
import './airflow';
import { createBusinessRegistry } from './business';
import './downloads';
import './gdal';
import './http';
import './jobs';
import './orders';
import { collectProcessMetrics, processRegistry } from './registry';
import './security';
import './store';
import { createWorkerScrapeRegistry } from './worker-scrape';

type Row = { name: string; type: string; labels: string };

const exposed = (r: Registry): Row[] =>
  r.getMetricsAsArray().map((m) => {
    const metric = m as unknown as { name: string; type: string; labelNames: string[] };
    return { name: metric.name, type: String(metric.type), labels: [...metric.labelNames].sort().join(', ') };
  });

function documented(): Row[] {
  const md = fs.readFileSync(path.join(import.meta.dirname, '../../docs/operations.md'), 'utf8');
  const section = md.slice(md.indexOf('### Exported series'), md.indexOf('### How Prometheus scrapes'));
  return [...section.matchAll(/^\| `([a-z0-9_:]+)` \| (\w+) \| ([^|]*) \|/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    labels: m[3]!
      .split(',')
      .map((l) => l.trim().replace(/`/g, ''))
      .filter((l) => l && l !== '—')
      .sort()
      .join(', '),
  }));
}

describe('docs/operations.md: the exported series', () => {
  it('lists exactly what the registries expose', () => {
    collectProcessMetrics();
    const none = {} as never;
    const actual = [
      ...exposed(processRegistry),
      ...exposed(createBusinessRegistry({ db: none as Database, queues: none as Queues, signingKeyRotationDays: 30 })),
      ...exposed(createWorkerScrapeRegistry({ queues: none as Queues, queueNames: [], volumes: {} })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const docs = documented().sort((a, b) => a.name.localeCompare(b.name));
    expect(actual.length).toBeGreaterThan(40);
    expect(docs).toEqual(actual);
  });
});
