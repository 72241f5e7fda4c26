/** The whole database schema (drizzle-kit reads this barrel; services import tables from here). */
export * from './enums';
export * from './customers';
export * from './users';
export * from './auth';
export * from './services';
export * from './production';
export * from './orders';
export * from './rois';
export * from './nations';
export * from './products';
export * from './logs';
export * from './airflow';
export * from './notifications';
