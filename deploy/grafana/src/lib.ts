/**
 * Shared pieces of the dashboards (deploy/grafana/src/*.ts, built by `npm run grafana:build`): the two provisioned
 * data sources, query builders for PromQL and PostgreSQL, and panel shorthands. Every SQL query records the columns
 * its panel reads (SQL_COLUMNS), which deploy/grafana/dashboards.test.ts checks against the test database.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as common from '@grafana/grafana-foundation-sdk/common';
import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';

/** The data sources of provisioning/datasources/clcplus.yml (same uids). */
export const PROMETHEUS: common.DataSourceRef = { type: 'prometheus', uid: 'clcplus-prometheus' };
export const POSTGRES: common.DataSourceRef = { type: 'grafana-postgresql-datasource', uid: 'clcplus-postgres' };

/** rawSql → the columns the panel reading it expects (in that order). */
export const SQL_COLUMNS = new Map<string, string[]>();

/** One clause per line, without the source's indentation (queries are assembled from indented fragments). */
const dedent = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

/** A PostgreSQL query in code mode; `columns` are the columns its panel reads. */
export class SqlQuery implements cog.Builder<cog.Dataquery> {
  readonly rawSql: string;
  constructor(
    private readonly refId: string,
    rawSql: string,
    readonly columns: string[],
    private readonly format: 'table' | 'time_series' = 'table',
  ) {
    this.rawSql = dedent(rawSql);
    SQL_COLUMNS.set(this.rawSql, columns);
  }
  build(): cog.Dataquery {
    return {
      refId: this.refId,
      datasource: POSTGRES,
      editorMode: 'code',
      format: this.format,
      rawQuery: true,
      rawSql: this.rawSql,
    } as unknown as cog.Dataquery;
  }
}

export const sql = (rawSql: string, columns: string[], format: 'table' | 'time_series' = 'table', refId = 'A') =>
  new SqlQuery(refId, rawSql, columns, format);

export const prom = (expr: string, legend = '__auto', refId = 'A') =>
  new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend).refId(refId).range();

export const promInstant = (expr: string, legend = '__auto', refId = 'A') =>
  new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend).refId(refId).instant();

const green = (steps: { value: number | null; color: string }[] = [{ value: null, color: 'green' }]) =>
  new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);

export const thresholds = green;

type Grid = { w: number; h: number };

export const timeseries = (title: string, targets: cog.Builder<cog.Dataquery>[], unit = 'short', g: Grid = { w: 12, h: 8 }) =>
  new TimeseriesPanel()
    .title(title)
    .datasource(PROMETHEUS)
    .targets(targets)
    .unit(unit)
    .span(g.w)
    .height(g.h)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom));

export const stat = (
  title: string,
  target: cog.Builder<cog.Dataquery>,
  unit = 'short',
  steps?: { value: number | null; color: string }[],
  g: Grid = { w: 4, h: 4 },
) =>
  new StatPanel()
    .title(title)
    .datasource(target instanceof SqlQuery ? POSTGRES : PROMETHEUS)
    .withTarget(target)
    .unit(unit)
    .thresholds(green(steps))
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .span(g.w)
    .height(g.h);

export const bargauge = (title: string, target: cog.Builder<cog.Dataquery>, unit = 'short', g: Grid = { w: 8, h: 8 }) =>
  new BarGaugePanel()
    .title(title)
    .datasource(target instanceof SqlQuery ? POSTGRES : PROMETHEUS)
    .withTarget(target)
    .unit(unit)
    .thresholds(green())
    // A row per result row (SQL) or series (PromQL), not one reduced value.
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(target instanceof SqlQuery))
    .span(g.w)
    .height(g.h);

export const table = (title: string, target: SqlQuery, g: Grid = { w: 24, h: 10 }) =>
  new TablePanel().title(title).datasource(POSTGRES).withTarget(target).span(g.w).height(g.h);

/** The reference's colour code of a unit's state: −2 not started, −1 failed, 0 in progress, 1 success. */
export const STATE_STEPS = [
  { value: null, color: 'text' },
  { value: -2, color: 'text' },
  { value: -1, color: 'red' },
  { value: 0, color: 'yellow' },
  { value: 1, color: 'green' },
];

/** `$service`: a service name from the database (single value, interpolated unquoted: write '$service' in SQL). */
export const serviceVariable = (initial: string) =>
  new QueryVariableBuilder('service')
    .label('Service')
    .datasource(POSTGRES)
    .query(sql('SELECT name AS __text, name AS __value FROM services ORDER BY name', ['__text', '__value']).rawSql)
    .refresh(VariableRefresh.OnDashboardLoad)
    .current({ text: initial, value: initial });
