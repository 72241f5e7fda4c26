/** The dashboards, by the file name they are written to (deploy/grafana/dashboards/<name>.json). */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { airflow, apiStatus, downloads, hostProcess, queues } from './operations';
import { backboneStatus, processingStatus, usage } from './production';

export const DASHBOARDS: Record<string, () => { build(): Dashboard }> = {
  'processing-status': processingStatus,
  'backbone-status': backboneStatus,
  usage,
  'api-status': apiStatus,
  'host-process': hostProcess,
  queues,
  airflow,
  downloads,
};

/** The JSON file of each dashboard, exactly as committed. */
export function renderDashboards(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DASHBOARDS).map(([name, make]) => [name, `${JSON.stringify(make().build(), null, 2)}\n`]),
  );
}
