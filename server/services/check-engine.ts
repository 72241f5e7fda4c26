/**
 * Can this service's engine run it now? An order nobody can run is refused (503, saying why) rather than accepted
 * and left hanging:
 * - embedded: when workers are online and none of them runs the service's DAG (their heartbeats list their DAGs). With
 *   no worker online the order is accepted and waits in its queue, as every order does while workers restart;
 * - Airflow: the service's connection must be configured (`airflowConnectionReady`).
 */
import type { Redis } from 'ioredis';
import { AppError } from '../errors';
import { listHeartbeats } from '../system/worker-heartbeat';
import type { ServiceEngine } from './define-service';

export type EngineCheckDeps = {
  redis: Redis;
  queuePrefix: string;
  /** Whether the named Airflow connection is configured (environment or the admin table). */
  airflowConnectionReady: (name: string) => Promise<boolean>;
};

export async function checkEngine(deps: EngineCheckDeps, service: string, engine: ServiceEngine): Promise<void> {
  if (engine.kind === 'airflow') {
    const name = engine.connection ?? 'default';
    if (!(await deps.airflowConnectionReady(name))) {
      throw new AppError('UNAVAILABLE', `${service} runs on Airflow, and no Airflow connection "${name}" is configured`, {
        reason: 'ENGINE_UNAVAILABLE',
      });
    }
    return;
  }
  const workers = await listHeartbeats(deps.redis, deps.queuePrefix);
  const reporting = workers.filter((w) => w.dags !== undefined);
  if (reporting.length > 0 && !reporting.some((w) => w.dags!.includes(engine.dagId))) {
    throw new AppError(
      'UNAVAILABLE',
      `${service}: none of the ${reporting.length} workers online runs its workflow ${engine.dagId} (not installed in this release)`,
      { reason: 'ENGINE_UNAVAILABLE' },
    );
  }
}
