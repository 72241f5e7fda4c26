/**
 * Prometheus dashboards: "API Status" (the reference's blackbox probes replaced by our own scrape and request
 * metrics), "Host and processes" (the reference's node exporter/cAdvisor board, from the processes' own metrics and
 * the worker's disk gauges), and ours: "Queues", "Airflow bridge" (with its order tasks from PostgreSQL) and
 * "Downloads" (with the packages from PostgreSQL). Label `job` of clcplus_job_duration_seconds becomes
 * `exported_job` when Prometheus scrapes it (its own `job` is the scrape job).
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { bargauge, prom, promInstant, sql, stat, table, timeseries } from './lib';

const RATE = '$__rate_interval';
const HTTP = 'clcplus_http_request_duration_seconds';

const RED_BELOW_1 = [
  { value: null, color: 'red' },
  { value: 1, color: 'green' },
];

export const apiStatus = () =>
  new DashboardBuilder('CLC+ Backbone API Status')
    .uid('clcplus-api-status')
    .tags(['clcplus', 'prometheus'])
    .refresh('10s')
    .time({ from: 'now-6h', to: 'now' })
    .withPanel(stat('Web processes up', promInstant('sum(up{job="clcplus-web"})'), 'short', RED_BELOW_1))
    .withPanel(stat('Workers up', promInstant('sum(up{job="clcplus-worker"})'), 'short', RED_BELOW_1))
    .withPanel(
      stat(
        '5xx ratio (5 min)',
        promInstant(`sum(rate(${HTTP}_count{status=~"5.."}[5m])) / sum(rate(${HTTP}_count[5m]))`),
        'percentunit',
        [
          { value: null, color: 'green' },
          { value: 0.05, color: 'red' },
        ],
      ),
    )
    .withPanel(
      stat('p99 latency (5 min)', promInstant(`histogram_quantile(0.99, sum by (le) (rate(${HTTP}_bucket[5m])))`), 's', [
        { value: null, color: 'green' },
        { value: 2, color: 'red' },
      ]),
    )
    .withPanel(stat('Business gauges readable', promInstant('min(clcplus_business_scrape_ok)'), 'bool', RED_BELOW_1))
    .withPanel(
      stat('Signing key age', promInstant('max(clcplus_signing_key_age_seconds)'), 's', [{ value: null, color: 'green' }]),
    )
    .withPanel(
      timeseries('Requests per second by route', [prom(`sum by (route) (rate(${HTTP}_count[${RATE}]))`, '{{route}}')], 'reqps'),
    )
    .withPanel(
      timeseries(
        'Responses per second by status',
        [prom(`sum by (status) (rate(${HTTP}_count[${RATE}]))`, '{{status}}')],
        'reqps',
      ),
    )
    .withPanel(
      timeseries(
        'Latency (all routes)',
        [
          prom(`histogram_quantile(0.5, sum by (le) (rate(${HTTP}_bucket[${RATE}])))`, 'p50', 'A'),
          prom(`histogram_quantile(0.99, sum by (le) (rate(${HTTP}_bucket[${RATE}])))`, 'p99', 'B'),
          prom(`sum(rate(${HTTP}_sum[${RATE}])) / sum(rate(${HTTP}_count[${RATE}]))`, 'mean', 'C'),
        ],
        's',
      ),
    )
    .withPanel(
      timeseries(
        'p99 latency by route',
        [prom(`histogram_quantile(0.99, sum by (le, route) (rate(${HTTP}_bucket[${RATE}])))`, '{{route}}')],
        's',
      ),
    )
    .withPanel(
      timeseries('Requests in flight', [prom('sum by (instance) (clcplus_http_requests_in_flight)', '{{instance}}')], 'short', {
        w: 8,
        h: 8,
      }),
    )
    .withPanel(
      timeseries(
        'Token requests by outcome',
        [prom(`sum by (grant, outcome) (rate(clcplus_tokens_total[${RATE}]))`, '{{grant}} {{outcome}}')],
        'reqps',
        {
          w: 8,
          h: 8,
        },
      ),
    )
    .withPanel(
      timeseries(
        'Rate-limit refusals',
        [prom(`sum by (limit) (rate(clcplus_rate_limit_refusals_total[${RATE}]))`, '{{limit}}')],
        'reqps',
        { w: 8, h: 8 },
      ),
    );

export const hostProcess = () =>
  new DashboardBuilder('CLC+ Backbone Host and processes')
    .uid('clcplus-host-process')
    .tags(['clcplus', 'prometheus'])
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .withPanel(stat('Uptime (youngest process)', promInstant('min(time() - process_start_time_seconds)'), 's'))
    .withPanel(stat('Processes', promInstant('count(process_start_time_seconds)'), 'short'))
    .withPanel(
      stat('Least free volume', promInstant('min(clcplus_disk_free_bytes / clcplus_disk_size_bytes)'), 'percentunit', [
        { value: null, color: 'red' },
        { value: 0.1, color: 'yellow' },
        { value: 0.25, color: 'green' },
      ]),
    )
    .withPanel(stat('GDAL children running', promInstant('sum(clcplus_gdal_subprocesses)'), 'short'))
    .withPanel(
      timeseries('CPU by process', [prom(`rate(process_cpu_seconds_total[${RATE}])`, '{{job}} {{instance}}')], 'percentunit'),
    )
    .withPanel(timeseries('Resident memory by process', [prom('process_resident_memory_bytes', '{{job}} {{instance}}')], 'bytes'))
    .withPanel(
      timeseries(
        'Heap',
        [
          prom('sum by (job, instance) (nodejs_heap_size_used_bytes)', 'used {{job}} {{instance}}', 'A'),
          prom('sum by (job, instance) (nodejs_heap_size_total_bytes)', 'total {{job}} {{instance}}', 'B'),
          prom('sum by (job, instance) (nodejs_external_memory_bytes)', 'external {{job}} {{instance}}', 'C'),
        ],
        'bytes',
      ),
    )
    .withPanel(timeseries('Event loop lag p99', [prom('nodejs_eventloop_lag_p99_seconds', '{{job}} {{instance}}')], 's'))
    .withPanel(
      timeseries(
        'Garbage collection time',
        [prom(`sum by (job, kind) (rate(nodejs_gc_duration_seconds_sum[${RATE}]))`, '{{job}} {{kind}}')],
        'percentunit',
      ),
    )
    .withPanel(
      timeseries(
        'Open file descriptors (share of limit)',
        [prom('process_open_fds / process_max_fds', '{{job}} {{instance}}')],
        'percentunit',
      ),
    )
    .withPanel(
      timeseries(
        'Disk space by volume',
        [
          prom('max by (volume) (clcplus_disk_free_bytes)', 'free {{volume}}', 'A'),
          prom('max by (volume) (clcplus_disk_size_bytes)', 'size {{volume}}', 'B'),
        ],
        'bytes',
      ),
    )
    .withPanel(
      timeseries(
        'GDAL children ended',
        [prom(`sum by (op, outcome) (rate(clcplus_gdal_subprocesses_total[${RATE}]))`, '{{op}} {{outcome}}')],
        'ops',
      ),
    )
    .withPanel(
      timeseries(
        'Store reads',
        [prom(`sum by (kind, access) (rate(clcplus_store_reads_total[${RATE}]))`, '{{kind}} {{access}}')],
        'ops',
        { w: 24, h: 8 },
      ),
    );

export const queues = () =>
  new DashboardBuilder('CLC+ Backbone Queues')
    .uid('clcplus-queues')
    .tags(['clcplus', 'prometheus'])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .withPanel(
      stat('Jobs waiting', promInstant('sum(max by (queue) (clcplus_queue_jobs{state=~"waiting|prioritized"}))'), 'short'),
    )
    .withPanel(stat('Jobs active', promInstant('sum(max by (queue) (clcplus_queue_jobs{state="active"}))'), 'short'))
    .withPanel(stat('Jobs failed (kept)', promInstant('sum(max by (queue) (clcplus_queue_jobs{state="failed"}))'), 'short'))
    .withPanel(
      stat('Oldest waiting job', promInstant('max(clcplus_queue_oldest_waiting_seconds)'), 's', [
        { value: null, color: 'green' },
        { value: 900, color: 'red' },
      ]),
    )
    .withPanel(
      bargauge(
        'Oldest waiting job by queue',
        promInstant('max by (queue) (clcplus_queue_oldest_waiting_seconds)', '{{queue}}'),
        's',
        { w: 8, h: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Jobs by queue and state',
        [prom('max by (queue, state) (clcplus_queue_jobs)', '{{queue}} {{state}}')],
        'short',
        { w: 16, h: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Job attempts by job and outcome',
        [
          prom(
            `sum by (exported_job, outcome) (rate(clcplus_job_duration_seconds_count[${RATE}]))`,
            '{{exported_job}} {{outcome}}',
          ),
        ],
        'ops',
      ),
    )
    .withPanel(
      timeseries(
        'Job duration p95 by job',
        [
          prom(
            `histogram_quantile(0.95, sum by (le, exported_job) (rate(clcplus_job_duration_seconds_bucket[${RATE}])))`,
            '{{exported_job}}',
          ),
        ],
        's',
      ),
    )
    .withPanel(
      timeseries(
        'Order transitions by status',
        [prom(`sum by (status) (rate(clcplus_order_transitions_total[${RATE}]))`, '{{status}}')],
        'ops',
        { w: 12, h: 8 },
      ),
    )
    .withPanel(
      timeseries('Open orders past their deadline', [prom('max by (service) (clcplus_orders_overdue)', '{{service}}')], 'short', {
        w: 12,
        h: 8,
      }),
    );

export const airflow = () =>
  new DashboardBuilder('CLC+ Backbone Airflow bridge')
    .uid('clcplus-airflow')
    .tags(['clcplus', 'prometheus', 'postgresql'])
    .refresh('1m')
    .time({ from: 'now-24h', to: 'now' })
    .withPanel(
      stat(
        'Airflow calls failing (1 h)',
        promInstant(
          'sum(increase(clcplus_airflow_requests_total{outcome=~"unreachable|credentials"}[1h])) / sum(increase(clcplus_airflow_requests_total[1h]))',
        ),
        'percentunit',
        [
          { value: null, color: 'green' },
          { value: 0.1, color: 'red' },
        ],
        { w: 6, h: 6 },
      ),
    )
    .withPanel(
      timeseries(
        'Airflow REST calls by outcome',
        [prom(`sum by (outcome) (rate(clcplus_airflow_requests_total[${RATE}]))`, '{{outcome}}')],
        'reqps',
        {
          w: 18,
          h: 6,
        },
      ),
    )
    .withRow(new RowBuilder('Airflow orders and task instances (PostgreSQL)'))
    .withPanel(
      table(
        'Orders of Airflow services',
        sql(
          `
          SELECT s.name AS service, o.status::text AS status, count(*) AS orders
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE s.engine = 'airflow' AND $__timeFilter(o.received_at)
          GROUP BY s.name, o.status ORDER BY s.name, o.status`,
          ['service', 'status', 'orders'],
        ),
        { w: 12, h: 8 },
      ),
    )
    .withPanel(
      bargauge(
        'Task instances by state',
        sql(
          `
          SELECT COALESCE(t.state, 'none') AS state, count(*) AS tasks
          FROM order_tasks t
          WHERE $__timeFilter(t.updated_at)
          GROUP BY 1 ORDER BY 1`,
          ['state', 'tasks'],
        ),
        'short',
        { w: 12, h: 8 },
      ),
    )
    .withPanel(
      table(
        'Latest task instances',
        sql(
          `
          SELECT t.updated_at, s.name AS service, t.order_id, t.task_id, t.map_index, t.state, t.try_number,
            t.started_at, t.ended_at
          FROM order_tasks t JOIN orders o ON o.id = t.order_id JOIN services s ON s.id = o.service_id
          WHERE $__timeFilter(t.updated_at)
          ORDER BY t.updated_at DESC LIMIT 100`,
          ['updated_at', 'service', 'order_id', 'task_id', 'map_index', 'state', 'try_number', 'started_at', 'ended_at'],
        ),
      ),
    );

export const downloads = () =>
  new DashboardBuilder('CLC+ Backbone Downloads')
    .uid('clcplus-downloads')
    .tags(['clcplus', 'prometheus', 'postgresql'])
    .refresh('1m')
    .time({ from: 'now-7d', to: 'now' })
    .withPanel(
      stat(
        'Live packages',
        sql('SELECT count(*) AS packages FROM packages WHERE deleted_at IS NULL', ['packages']),
        'short',
        undefined,
        { w: 6, h: 5 },
      ),
    )
    .withPanel(
      stat(
        'Bytes in live packages',
        sql('SELECT COALESCE(sum(bytes), 0) AS bytes FROM packages WHERE deleted_at IS NULL', ['bytes']),
        'bytes',
        undefined,
        { w: 6, h: 5 },
      ),
    )
    .withPanel(
      stat('Delivered (all time)', promInstant('sum(max by (service) (clcplus_delivered_bytes))'), 'bytes', undefined, {
        w: 6,
        h: 5,
      }),
    )
    .withPanel(
      stat('Area delivered (all time)', promInstant('sum(max by (service) (clcplus_delivered_area_km2))'), 'areaKM2', undefined, {
        w: 6,
        h: 5,
      }),
    )
    .withPanel(
      timeseries(
        'Download requests by status',
        [prom(`sum by (method, status) (rate(clcplus_downloads_total[${RATE}]))`, '{{method}} {{status}}')],
        'reqps',
      ),
    )
    .withPanel(
      bargauge('Bytes delivered by service', promInstant('max by (service) (clcplus_delivered_bytes)', '{{service}}'), 'bytes', {
        w: 12,
        h: 8,
      }),
    )
    .withPanel(
      timeseries(
        'Packages made per day',
        [
          sql(
            `
            SELECT date_trunc('day', created_at) AS time, count(*) AS packages, sum(bytes) AS bytes
            FROM packages
            WHERE $__timeFilter(created_at)
            GROUP BY 1 ORDER BY 1`,
            ['time', 'packages', 'bytes'],
            'time_series',
          ),
        ],
        'short',
        { w: 24, h: 8 },
      ).datasource({ type: 'grafana-postgresql-datasource', uid: 'clcplus-postgres' }),
    );
