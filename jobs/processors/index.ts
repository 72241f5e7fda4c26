/** The processors this worker runs, one per job name. */
import type { JobName } from '../registry';
import type { Processor } from './define-processor';
import airflowRun from './airflow-run';
import dagDispatch from './dag-dispatch';
import dagTask from './dag-task';
import logsWrite from './logs-write';
import maintenanceExpirePackages from './maintenance-expire-packages';
import maintenancePurgeExpired from './maintenance-purge-expired';
import maintenanceReconcileOrders from './maintenance-reconcile-orders';
import maintenanceRotateSigningKey from './maintenance-rotate-signing-key';
import maintenanceSweepNotifications from './maintenance-sweep-notifications';
import notificationsDeliver from './notifications-deliver';
import ordersEvent from './orders-event';

export const PROCESSORS: Processor<JobName>[] = [
  ordersEvent,
  dagDispatch,
  dagTask,
  airflowRun,
  logsWrite,
  maintenancePurgeExpired,
  maintenanceExpirePackages,
  maintenanceReconcileOrders,
  maintenanceRotateSigningKey,
  maintenanceSweepNotifications,
  notificationsDeliver,
] as Processor<JobName>[];
