/** Every queue of the system, in one typed registry (shared by web, worker and tests). */
import { airflowQueue } from './airflow';
import { logsQueue } from './logs';
import { maintenanceQueue } from './maintenance';
import { notificationsQueue } from './notifications';
import { ordersQueue } from './orders';
import { tasksQueue } from './tasks';

export const QUEUES = {
  orders: ordersQueue,
  tasks: tasksQueue,
  logs: logsQueue,
  maintenance: maintenanceQueue,
  airflow: airflowQueue,
  notifications: notificationsQueue,
} as const;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
