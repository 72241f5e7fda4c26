/**
 * The metrics of this process, on prom-client's global registry, created once whatever module asks first.
 * Next.js may bundle a module into several route chunks; each copy asking for `clcplus_x` gets the one metric
 * already registered under that name instead of registering it twice (prom-client would throw). Metrics that are
 * computed at scrape time from PostgreSQL or Redis live on registries of their own (web-scrape.ts, worker-scrape.ts):
 * every process would answer them the same, so they are never added up across processes.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration } from 'prom-client';

export { register as processRegistry };

const existing = <T>(name: string): T | undefined => register.getSingleMetric(name) as T | undefined;

export const counter = <L extends string>(c: CounterConfiguration<L>): Counter<L> =>
  existing<Counter<L>>(c.name) ?? new Counter(c);
export const gauge = <L extends string>(c: GaugeConfiguration<L>): Gauge<L> => existing<Gauge<L>>(c.name) ?? new Gauge(c);
export const histogram = <L extends string>(c: HistogramConfiguration<L>): Histogram<L> =>
  existing<Histogram<L>>(c.name) ?? new Histogram(c);

/**
 * prom-client's process and Node.js metrics (CPU, memory, event loop, GC), once per process. Its three
 * `nodejs_active_*_total` gauges are left out: a gauge named `_total` fails `promtool check metrics` (the
 * `nodejs_active_handles`, `_requests` and `_resources` gauges by type say the same).
 */
const NOT_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export function collectProcessMetrics(): void {
  if (existing('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
  for (const name of NOT_COUNTERS) register.removeSingleMetric(name);
}

/** A label value from an open set, kept to a closed one: anything not listed becomes `other`. */
export const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | 'other' =>
  allowed.includes(value as T) ? (value as T) : 'other';
