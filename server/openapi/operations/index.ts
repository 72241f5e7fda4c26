/**
 * The operation registry: every domain's operations (one file each), in the order the document lists them. A new
 * route file under app/ needs its operations in one of these files (or a new file added here); openapi.test.ts
 * fails until each exported method of each route file has its operation.
 */
import type { OperationSpec } from '../define-operation';
import { authOperations } from './auth';
import { configOperations } from './config';
import { customerOperations } from './customers';
import { loggingOperations } from './logging';
import { manualTaskOperations } from './manual-tasks';
import { ogcOperations } from './ogc';
import { orderOperations } from './orders';
import { queueOperations } from './queues';
import { roiOperations } from './rois';
import { serviceOperations } from './services';
import { systemOperations } from './system';
import { webhookOperations } from './webhooks';

export const OPERATIONS: readonly OperationSpec[] = [
  ...orderOperations,
  ...serviceOperations,
  ...roiOperations,
  ...webhookOperations,
  ...ogcOperations,
  ...authOperations,
  ...customerOperations,
  ...manualTaskOperations,
  ...loggingOperations,
  ...queueOperations,
  ...configOperations,
  ...systemOperations,
];

/** The tags, in the order the documentation shows them. */
export const TAGS = [
  { name: 'Orders', description: 'Order products clipped to an area, a nation or Europe; follow and download them' },
  { name: 'Services', description: 'The service catalogue: production services, started one order per unit' },
  { name: 'ROIs', description: 'Saved regions of interest (an order’s roi_id)' },
  { name: 'Webhooks', description: 'Signed notifications of order events (Standard Webhooks)' },
  { name: 'OGC API – Processes', description: 'OGC API – Processes 1.0: the catalogue as processes, orders as jobs' },
  { name: 'OAuth 2.0', description: 'The authorization server: tokens, introspection, revocation, keys, metadata' },
  { name: 'Legacy auth', description: 'The reference system’s /v1/auth routes, over the authorization server' },
  { name: 'Customers', description: 'Customers and their API clients (admin)' },
  { name: 'Manual tasks', description: 'Manual production steps per unit' },
  { name: 'Logging', description: 'Log records of services and orders' },
  { name: 'Queues', description: 'The job queues (admin)' },
  { name: 'Configuration', description: 'Airflow connections (admin)' },
  { name: 'Health', description: 'Liveness and readiness' },
  { name: 'Documentation', description: 'This description, the interactive docs and the API index' },
];
