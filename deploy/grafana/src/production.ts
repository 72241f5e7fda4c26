/**
 * The reference's PostgreSQL dashboards (reference-system.md §9): "Processing Status" (units coloured by the state
 * of their latest order of a service), "Backbone Status" (sub-production units, finished units, durations, failures)
 * and "Usage" (requests by customer and service, mean durations, parallel executions, ETA, failures).
 * The hard-coded total of 571,200 units and cut-off dates of the reference are replaced by the production_units
 * table and Grafana's time range ($__timeFilter).
 */
import { DashboardBuilder, FieldColorBuilder, FieldColorModeId, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  FrameGeometrySourceBuilder,
  FrameGeometrySourceMode,
  MapLayerOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { MapViewConfigBuilder, PanelBuilder as GeomapPanel } from '@grafana/grafana-foundation-sdk/geomap';
import { PanelBuilder as TextPanel } from '@grafana/grafana-foundation-sdk/text';
import { POSTGRES, STATE_STEPS, bargauge, prom, serviceVariable, sql, stat, table, thresholds, timeseries } from './lib';

/** The latest order of `$service` per production unit (orders_unit_idx). */
const LATEST = `
  SELECT DISTINCT ON (o.production_unit_id) o.production_unit_id, o.status
  FROM orders o JOIN services s ON s.id = o.service_id
  WHERE s.name = '$service' AND o.production_unit_id IS NOT NULL
  ORDER BY o.production_unit_id, o.received_at DESC, o.id DESC`;

const STATE = `CASE WHEN l.status IS NULL THEN -2 WHEN l.status = 'SUCCESS' THEN 1
    WHEN l.status IN ('FAILED', 'INVALID', 'ABORTED') THEN -1 ELSE 0 END`;

const CUSTOMER = `COALESCE(c.name, u.email, 'system')`;
const OWNER = `LEFT JOIN api_clients ac ON ac.id = o.api_client_id
  LEFT JOIN customers c ON c.id = ac.customer_id
  LEFT JOIN users u ON u.id = o.user_id`;

const legend = () =>
  new TextPanel()
    .title('Legend')
    .content(
      'Colour of a unit: **grey** no order of the service yet (−2), **red** failed, invalid or aborted (−1), ' +
        '**yellow** received, queued or running (0), **green** success (1). The latest order of the unit counts.',
    )
    .span(6)
    .height(4);

const stateMap = (title: string, query: ReturnType<typeof sql>, label: string) =>
  new GeomapPanel()
    .title(title)
    .datasource(POSTGRES)
    .withTarget(query)
    .span(18)
    .height(14)
    .thresholds(thresholds(STATE_STEPS))
    .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.Thresholds))
    .min(-2)
    .max(1)
    .view(new MapViewConfigBuilder().id('coords').lat(52).lon(12).zoom(4))
    .basemap(new MapLayerOptionsBuilder().type('default').name('Basemap'))
    .layers([
      new MapLayerOptionsBuilder()
        .type('markers')
        .name(label)
        .location(
          new FrameGeometrySourceBuilder().mode(FrameGeometrySourceMode.Coords).latitude('latitude').longitude('longitude'),
        )
        .tooltip(true)
        .config({
          showLegend: true,
          style: {
            color: { field: 'state', fixed: 'grey' },
            size: { fixed: 5 },
            symbol: { fixed: 'img/icons/marker/square.svg', mode: 'fixed' },
            opacity: 0.8,
          },
        }),
    ]);

/** Mean duration of successful orders per service (minutes), on both the processing-status and usage boards. */
const meanDurationOfSuccess = () =>
  bargauge(
    'Mean duration of successful orders',
    sql(
      `
      SELECT s.name AS service, avg(EXTRACT(EPOCH FROM o.stopped_at - o.received_at)) / 60 AS minutes
      FROM orders o JOIN services s ON s.id = o.service_id
      WHERE o.status = 'SUCCESS' AND $__timeFilter(o.received_at)
      GROUP BY s.name ORDER BY s.name`,
      ['service', 'minutes'],
    ),
    'm',
  );

export const processingStatus = () =>
  new DashboardBuilder('CLC+ Backbone - Processing Status')
    .uid('clcplus-processing-status')
    .tags(['clcplus', 'postgresql'])
    .refresh('1m')
    .time({ from: 'now-30d', to: 'now' })
    .withVariable(serviceVariable('vector_class_attribution'))
    .withPanel(legend())
    .withPanel(
      stateMap(
        'Processing status ($service)',
        sql(
          `
          SELECT pu.code AS unit,
            ST_Y(ST_Transform(ST_Centroid(pu.geom), 4326)) AS latitude,
            ST_X(ST_Transform(ST_Centroid(pu.geom), 4326)) AS longitude,
            ${STATE} AS state,
            COALESCE(l.status::text, 'NOT_STARTED') AS status
          FROM production_units pu
          LEFT JOIN (${LATEST}) l ON l.production_unit_id = pu.id
          ORDER BY pu.code`,
          ['unit', 'latitude', 'longitude', 'state', 'status'],
        ),
        'Production units',
      ),
    )
    .withPanel(
      bargauge(
        'Progress (% of production units)',
        sql(
          `
          SELECT l.status::text AS status,
            100.0 * count(*) / NULLIF((SELECT count(*) FROM production_units), 0) AS percent
          FROM (${LATEST}) l
          GROUP BY l.status ORDER BY l.status`,
          ['status', 'percent'],
        ),
        'percent',
        { w: 6, h: 10 },
      ),
    )
    .withRow(new RowBuilder('Orders of $service in the time range'))
    .withPanel(
      stat(
        'Number of requests',
        sql(
          `
          SELECT count(*) AS requests
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE s.name = '$service' AND $__timeFilter(o.received_at)`,
          ['requests'],
        ),
        'short',
        undefined,
        { w: 4, h: 8 },
      ),
    )
    .withPanel(
      bargauge(
        'Requests by customer',
        sql(
          `
          SELECT ${CUSTOMER} AS customer, count(*) AS requests
          FROM orders o JOIN services s ON s.id = o.service_id
          ${OWNER}
          WHERE s.name = '$service' AND $__timeFilter(o.received_at)
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
          ['customer', 'requests'],
        ),
        'short',
        { w: 10, h: 8 },
      ),
    )
    .withPanel(
      bargauge(
        'Mean duration of successful orders (by customer)',
        sql(
          `
          SELECT ${CUSTOMER} AS customer,
            avg(EXTRACT(EPOCH FROM o.stopped_at - COALESCE(o.started_at, o.received_at))) / 60 AS minutes
          FROM orders o JOIN services s ON s.id = o.service_id
          ${OWNER}
          WHERE s.name = '$service' AND o.status = 'SUCCESS' AND $__timeFilter(o.received_at)
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
          ['customer', 'minutes'],
        ),
        'm',
        { w: 10, h: 8 },
      ),
    )
    .withPanel(
      table(
        'Customer jobs',
        sql(
          `
          SELECT pu.code AS unit, o.id AS order_id, ${CUSTOMER} AS customer, o.received_at, o.started_at,
            o.stopped_at, o.status::text AS status, o.error_code, o.params
          FROM orders o JOIN services s ON s.id = o.service_id
          LEFT JOIN production_units pu ON pu.id = o.production_unit_id
          ${OWNER}
          WHERE s.name = '$service' AND $__timeFilter(o.received_at)
          ORDER BY o.received_at DESC, o.id DESC LIMIT 200`,
          ['unit', 'order_id', 'customer', 'received_at', 'started_at', 'stopped_at', 'status', 'error_code', 'params'],
        ),
      ),
    );

export const backboneStatus = () =>
  new DashboardBuilder('CLC+ Backbone Status')
    .uid('clcplus-backbone-status')
    .tags(['clcplus', 'postgresql'])
    .refresh('5m')
    .time({ from: 'now-90d', to: 'now' })
    .withVariable(serviceVariable('vector_class_attribution'))
    .withPanel(legend())
    .withPanel(
      stateMap(
        'Sub-production units ($service)',
        sql(
          `
          SELECT spu.code AS spu,
            ST_Y(ST_Transform(ST_Centroid(spu.geom), 4326)) AS latitude,
            ST_X(ST_Transform(ST_Centroid(spu.geom), 4326)) AS longitude,
            CASE WHEN bool_or(l.status IN ('FAILED', 'INVALID', 'ABORTED')) THEN -1
              WHEN bool_and(l.status = 'SUCCESS') THEN 1
              WHEN bool_or(l.status IS NOT NULL) THEN 0 ELSE -2 END AS state,
            count(*) FILTER (WHERE l.status = 'SUCCESS') AS units_done,
            count(*) AS units
          FROM sub_production_units spu
          JOIN production_units pu ON pu.sub_production_unit_id = spu.id
          LEFT JOIN (${LATEST}) l ON l.production_unit_id = pu.id
          GROUP BY spu.id ORDER BY spu.code`,
          ['spu', 'latitude', 'longitude', 'state', 'units_done', 'units'],
        ),
        'Sub-production units',
      ),
    )
    .withPanel(
      stat(
        'Production units finished ($service)',
        sql(
          `
          SELECT count(*) FILTER (WHERE l.status = 'SUCCESS') AS finished FROM (${LATEST}) l`,
          ['finished'],
        ),
        'short',
        undefined,
        { w: 6, h: 5 },
      ),
    )
    .withPanel(
      stat(
        'Manual tasks finished',
        sql(`SELECT count(*) AS finished FROM manual_tasks WHERE state = 'SUCCESS'`, ['finished']),
        'short',
        undefined,
        { w: 6, h: 5 },
      ),
    )
    .withPanel(
      table(
        'Successful units by service',
        sql(
          `
          SELECT s.name AS service, count(DISTINCT o.production_unit_id) AS production_units,
            count(DISTINCT pu.sub_production_unit_id) AS sub_production_units
          FROM orders o JOIN services s ON s.id = o.service_id
          JOIN production_units pu ON pu.id = o.production_unit_id
          WHERE o.status = 'SUCCESS'
          GROUP BY s.name ORDER BY s.name`,
          ['service', 'production_units', 'sub_production_units'],
        ),
        { w: 8, h: 8 },
      ),
    )
    .withPanel(meanDurationOfSuccess())
    .withPanel(
      bargauge(
        'Failed orders by service',
        sql(
          `
          SELECT s.name AS service, count(*) AS failed
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE o.status IN ('FAILED', 'INVALID') AND $__timeFilter(o.received_at)
          GROUP BY s.name ORDER BY s.name`,
          ['service', 'failed'],
        ),
      ),
    );

export const usage = () =>
  new DashboardBuilder('CLC+ Backbone Usage')
    .uid('clcplus-usage')
    .tags(['clcplus', 'postgresql', 'prometheus'])
    .refresh('1m')
    .time({ from: 'now-30d', to: 'now' })
    .withPanel(
      bargauge(
        'Requests by customer',
        sql(
          `
          SELECT ${CUSTOMER} AS customer, count(*) AS requests
          FROM orders o ${OWNER}
          WHERE $__timeFilter(o.received_at)
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
          ['customer', 'requests'],
        ),
      ),
    )
    .withPanel(
      bargauge(
        'Requests by service',
        sql(
          `
          SELECT s.name AS service, count(*) AS requests
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE $__timeFilter(o.received_at)
          GROUP BY s.name ORDER BY 2 DESC, 1`,
          ['service', 'requests'],
        ),
      ),
    )
    .withPanel(meanDurationOfSuccess())
    .withPanel(
      bargauge(
        'Current parallel executions',
        sql(
          `
          SELECT s.name AS service, count(*) AS running
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE o.status = 'RUNNING'
          GROUP BY s.name ORDER BY s.name`,
          ['service', 'running'],
        ),
      ),
    )
    .withPanel(
      bargauge(
        'ETA of the open orders',
        // Mean duration of the successes of the last 30 days × orders waiting ÷ orders running (at least one).
        sql(
          `
          SELECT s.name AS service,
            COALESCE(avg(EXTRACT(EPOCH FROM o.stopped_at - o.started_at))
              FILTER (WHERE o.status = 'SUCCESS' AND o.stopped_at > now() - interval '30 days'), 0) / 86400
            * count(*) FILTER (WHERE o.status IN ('RECEIVED', 'QUEUED'))
            / GREATEST(count(*) FILTER (WHERE o.status = 'RUNNING'), 1) AS eta_days
          FROM orders o JOIN services s ON s.id = o.service_id
          GROUP BY s.name
          HAVING count(*) FILTER (WHERE o.status IN ('RECEIVED', 'QUEUED', 'RUNNING')) > 0
          ORDER BY s.name`,
          ['service', 'eta_days'],
        ),
        'd',
      ),
    )
    .withPanel(
      table(
        'Service status',
        sql(
          `
          SELECT s.name AS service, o.status::text AS status, count(*) AS orders
          FROM orders o JOIN services s ON s.id = o.service_id
          WHERE $__timeFilter(o.received_at)
          GROUP BY s.name, o.status ORDER BY s.name, o.status`,
          ['service', 'status', 'orders'],
        ),
        { w: 8, h: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Order transitions per minute',
        [
          prom(
            'sum by (service, status) (rate(clcplus_order_transitions_total[$__rate_interval])) * 60',
            '{{service}} {{status}}',
          ),
        ],
        'short',
        { w: 24, h: 8 },
      ),
    )
    .withPanel(
      table(
        'Last 100 failed orders',
        sql(
          `
          SELECT o.received_at, o.stopped_at, s.name AS service, o.id AS order_id, ${CUSTOMER} AS customer,
            o.status::text AS status, o.error_code, o.error_message
          FROM orders o JOIN services s ON s.id = o.service_id
          ${OWNER}
          WHERE o.status IN ('FAILED', 'INVALID') AND $__timeFilter(o.received_at)
          ORDER BY o.received_at DESC, o.id DESC LIMIT 100`,
          ['received_at', 'stopped_at', 'service', 'order_id', 'customer', 'status', 'error_code', 'error_message'],
        ),
      ),
    );
