/** GET /metrics — Prometheus metrics of the web (docs/operations.md#metrics): an allowed network or the `metrics` scope. */
import { serveWebMetrics } from '~/server/metrics/web-endpoint';

export const dynamic = 'force-dynamic';

export const GET = serveWebMetrics;
