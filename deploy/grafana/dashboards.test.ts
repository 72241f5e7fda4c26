/**
 * The Grafana dashboards (deploy/grafana): the committed JSON is what src/ generates (`npm run grafana:build`), every
 * panel queries a provisioned data source, every PromQL expression parses (Debian's promtool, as recording rules)
 * and names only metrics we export (docs/operations.md's table, itself tested against the registries), and every
 * SQL query runs on a seeded test database with production units and orders and returns the columns its panel reads.
 *
 * Grafana's template syntax is substituted as Grafana would before the queries are checked:
 * - `$__rate_interval`, `$__interval` → `1m`, `$__range` → `1h` (PromQL durations);
 * - `$service` → the variable's value unquoted (a single-value variable; the SQL quotes it: `'$service'`);
 * - `$__timeFilter(col)` → `col BETWEEN '<from>' AND '<to>'` with RFC 3339 UTC instants, as Grafana's PostgreSQL
 *   data source expands it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seedDatabase } from '~/db/seed/seed-database';
import { loadUnits } from '~/server/storage/load-units';
import { useTestDatabase } from '~/test/db';
import { renderDashboards } from './src';
import { SQL_COLUMNS } from './src/lib';

const DIR = import.meta.dirname;
const committed = Object.fromEntries(
  fs
    .readdirSync(path.join(DIR, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), fs.readFileSync(path.join(DIR, 'dashboards', f), 'utf8')]),
);

type Target = { refId: string; datasource?: { uid?: string }; expr?: string; rawSql?: string; format?: string };
type Layer = { location?: { latitude?: string; longitude?: string }; config?: { style?: { color?: { field?: string } } } };
type Panel = {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Target[];
  panels?: Panel[];
  options?: { layers?: Layer[] };
};
type Dashboard = { uid: string; title: string; panels: Panel[]; templating?: { list: { name: string; query: string }[] } };

const dashboards = Object.entries(committed).map(([file, json]) => ({ file, d: JSON.parse(json) as Dashboard }));
const panels = dashboards.flatMap(({ file, d }) => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]).map((p) => ({ file, p })));
const targets = panels.flatMap(({ file, p }) => (p.targets ?? []).map((t) => ({ file, p, t })));
const promTargets = targets.filter(({ t }) => t.expr !== undefined);
const sqlTargets = targets.filter(({ t }) => t.rawSql !== undefined);

const promDurations = (expr: string) => expr.replace(/\$__rate_interval|\$__interval/g, '1m').replace(/\$__range/g, '1h');

function documentedMetrics(): Map<string, string> {
  const md = fs.readFileSync(path.join(DIR, '../../docs/operations.md'), 'utf8');
  const section = md.slice(md.indexOf('### Exported series'), md.indexOf('### How Prometheus scrapes'));
  return new Map([...section.matchAll(/^\| `([a-z0-9_:]+)` \| (\w+) \|/gm)].map((m) => [m[1]!, m[2]!]));
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or strings. */
function metricNames(expr: string): string[] {
  const bare = promDurations(expr)
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1]!)
    .filter((n) => !KEYWORDS.has(n.toLowerCase()));
}

function substituteSql(rawSql: string, vars: Record<string, string>, from: Date, to: Date): string {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return rawSql
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_, col: string) => `${col.trim()} BETWEEN '${iso(from)}' AND '${iso(to)}'`)
    .replace(/\$\{?(\w+)\}?/g, (m, name: string) => vars[name] ?? m);
}

describe('deploy/grafana dashboards', () => {
  it('the committed JSON is what deploy/grafana/src generates (npm run grafana:build)', () => {
    expect(committed).toEqual(renderDashboards());
    expect(Object.keys(committed).sort()).toEqual([
      'airflow',
      'api-status',
      'backbone-status',
      'downloads',
      'host-process',
      'processing-status',
      'queues',
      'usage',
    ]);
  });

  it('every panel queries a provisioned data source; uids and titles are unique', () => {
    const provisioned = (
      parse(fs.readFileSync(path.join(DIR, 'provisioning/datasources/clcplus.yml'), 'utf8')) as {
        datasources: { uid: string }[];
      }
    ).datasources.map((d) => d.uid);
    expect(provisioned.sort()).toEqual(['clcplus-postgres', 'clcplus-prometheus']);
    for (const { file, p } of panels) {
      if (p.type === 'row' || p.type === 'text') continue;
      expect(p.targets?.length, `${file}: ${p.title}`).toBeGreaterThan(0);
      for (const t of p.targets!) expect(provisioned, `${file}: ${p.title}`).toContain(t.datasource?.uid);
      expect(provisioned).toContain(p.datasource?.uid);
    }
    expect(new Set(dashboards.map(({ d }) => d.uid)).size).toBe(dashboards.length);
    expect(new Set(dashboards.map(({ d }) => d.title)).size).toBe(dashboards.length);
    // Each target is PromQL or SQL according to its data source.
    for (const { t } of targets) {
      expect(t.datasource?.uid === 'clcplus-prometheus' ? t.expr : t.rawSql).toBeTypeOf('string');
    }
  });

  describe('PromQL', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grafana-promql-'));
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const check = (exprs: string[]) => {
      const file = path.join(tmp, `rules-${exprs.length}.yml`);
      const rules = exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr }));
      fs.writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
      return spawnSync('/usr/bin/promtool', ['check', 'rules', file], { encoding: 'utf8' });
    };

    it('every expression parses (promtool check rules)', () => {
      expect(promTargets.length).toBeGreaterThan(40);
      const r = check(promTargets.map(({ t }) => promDurations(t.expr!)));
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`SUCCESS: ${promTargets.length} rules found`);
      // The same check refuses a broken expression.
      const bad = check(['sum(rate(clcplus_downloads_total[5m])']);
      expect(bad.status).not.toBe(0);
    });

    it('every metric is one we export (docs/operations.md) or Prometheus `up`', () => {
      const docs = documentedMetrics();
      expect(docs.size).toBeGreaterThan(40);
      const known = (name: string) => {
        if (name === 'up' || docs.has(name)) return true;
        const base = name.replace(/_(bucket|sum|count)$/, '');
        return base !== name && docs.get(base) === 'histogram';
      };
      const used = new Set(promTargets.flatMap(({ t }) => metricNames(t.expr!)));
      expect(metricNames('sum by (le) (rate(a_bucket{x="y"}[5m])) / on(x) b')).toEqual(['a_bucket', 'b']);
      expect(used.size).toBeGreaterThan(25);
      expect([...used].filter((n) => !known(n))).toEqual([]);
    });
  });

  describe('SQL on the test database', () => {
    const t = useTestDatabase();
    const from = new Date(Date.now() - 7 * 86_400_000);
    const to = new Date(Date.now() + 3_600_000);
    const run = (rawSql: string) => t.db.$client.unsafe(substituteSql(rawSql, { service: 'vector_class_attribution' }, from, to));

    beforeAll(async () => {
      await seedDatabase(t.db, { adminEmail: 'admin@example.org' });
      await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_780_000, maxY: 2_800_000 });
      // Three of the four units have an order of the service: a success, a failure, one running; plus a package
      // and an Airflow task instance.
      await t.db.$client.unsafe(`
        WITH s AS (SELECT id FROM services WHERE name = 'vector_class_attribution'),
        u AS (SELECT id, code FROM production_units)
        INSERT INTO orders (service_id, production_unit_id, status, params, received_at, started_at, stopped_at,
          result, error_code, error_message)
        SELECT s.id, u.id, v.status::order_status, '{}', now() - interval '2 hours', now() - interval '1 hour',
          v.stopped, v.result::jsonb, v.code, v.message
        FROM s, u JOIN (VALUES
          ('10kmE476N278', 'SUCCESS', now(), '{}', NULL, NULL),
          ('10kmE476N279', 'FAILED', now(), NULL, 'TASK_FAILED', 'boom'),
          ('10kmE477N278', 'RUNNING', NULL, NULL, NULL, NULL)
        ) AS v(unit, status, stopped, result, code, message) ON v.unit = u.code`);
      await t.db.$client.unsafe(`
        INSERT INTO packages (order_id, file_name, storage_key, bytes, sha256)
        SELECT id, 'p.zip', 'k/p.zip', 1234, repeat('a', 64) FROM orders WHERE status = 'SUCCESS';
        INSERT INTO order_tasks (order_id, task_id, state, try_number, started_at)
        SELECT id, 'cut', 'running', 1, now() FROM orders WHERE status = 'RUNNING'`);
    });

    it('every query returns the columns its panel reads', async () => {
      const queries = [
        ...sqlTargets.map(({ file, p, t: q }) => ({ where: `${file}: ${p.title}`, rawSql: q.rawSql!, p, format: q.format })),
        ...dashboards.flatMap(({ file, d }) =>
          (d.templating?.list ?? []).map((v) => ({
            where: `${file}: $${v.name}`,
            rawSql: v.query,
            p: undefined,
            format: 'table',
          })),
        ),
      ];
      expect(sqlTargets.length).toBeGreaterThan(20);
      for (const q of queries) {
        const expected = SQL_COLUMNS.get(q.rawSql);
        expect(expected, `${q.where}: a query of the sources`).toBeDefined();
        const substituted = substituteSql(q.rawSql, { service: 'vector_class_attribution' }, from, to);
        expect(substituted, q.where).not.toMatch(/\$/);
        const rows = await run(q.rawSql).catch((e: Error) => {
          throw new Error(`${q.where}: ${e.message}\n${substituted}`);
        });
        expect(
          rows.columns.map((c) => c.name),
          q.where,
        ).toEqual(expected);
        if (q.format === 'time_series') expect(expected![0], q.where).toBe('time');
        for (const layer of q.p?.options?.layers ?? []) {
          for (const field of [layer.location?.latitude, layer.location?.longitude, layer.config?.style?.color?.field]) {
            expect(expected, `${q.where}: geomap field`).toContain(field);
          }
        }
      }
    });

    it('the processing status map colours every unit by its latest order of the service', async () => {
      const map = sqlTargets.find(({ file, p }) => file === 'processing-status' && p.type === 'geomap')!;
      const rows = await run(map.t.rawSql!);
      expect(rows.map((r) => [r.unit, r.state, r.status])).toEqual([
        ['10kmE476N278', 1, 'SUCCESS'],
        ['10kmE476N279', -1, 'FAILED'],
        ['10kmE477N278', 0, 'RUNNING'],
        ['10kmE477N279', -2, 'NOT_STARTED'],
      ]);
      for (const r of rows) {
        expect(Number(r.latitude)).toBeGreaterThan(40);
        expect(Number(r.latitude)).toBeLessThan(60);
        expect(Number(r.longitude)).toBeGreaterThan(0);
        expect(Number(r.longitude)).toBeLessThan(30);
      }
      const progress = sqlTargets.find(({ file, p }) => file === 'processing-status' && p.title.startsWith('Progress'))!;
      const pct = await run(progress.t.rawSql!);
      expect(pct.map((r) => [r.status, Number(r.percent)])).toEqual([
        ['RUNNING', 25],
        ['SUCCESS', 25],
        ['FAILED', 25],
      ]);
    });
  });
});
