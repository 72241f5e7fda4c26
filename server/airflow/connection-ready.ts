/**
 * Whether the named Airflow connection is configured (AIRFLOW_CONNECTIONS): a service whose connection is missing is
 * refused at once (503) instead of accepted and left waiting for an Airflow nobody set up.
 */
import { env } from '../env.js';

export const airflowConnectionReady = async (name: string): Promise<boolean> => name in env.AIRFLOW_CONNECTIONS;
