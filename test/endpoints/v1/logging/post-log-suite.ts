/**
 * L1–L3 (POST /v1/logging/log_error|log_info|log_warning) share one handler: the suite each endpoint's file runs, with
 * its route, path and level. A record for a known service, optionally about one's own order; enqueued (logs.write), 204.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders, services } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';

export function postLogSuite(POST: RouteHandler, path: string, level: 'ERROR' | 'INFO' | 'WARNING') {
  const word = level.toLowerCase();
  const api = useEndpoint();
  let orderId: string;

  /** The records of the logs.write jobs waiting in this file's queue. */
  const queued = async () => {
    const jobs = await api.deps.queues.get('logs').getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.filter((j) => j.name === 'logs.write').flatMap((j) => j.data.records as Record<string, unknown>[]);
  };

  beforeAll(async () => {
    const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, 'get_product'));
    const [o] = await api.db
      .insert(orders)
      .values({ serviceId: s!.id, apiClientId: api.clients.user!.id, params: {} })
      .returning({ id: orders.id });
    orderId = o!.id;
  });

  describe(`POST ${path}`, () => {
    it('enqueues one record of its level (service, message, order, the caller’s client_id) and answers 204', async () => {
      const me = api.clients.user!;
      const r = await api.call(POST, path, {
        as: 'user',
        body: { service_module_name: 'get_product', log_message: `  ${word} one  `, order_id: orderId },
      });
      expect(r.status, r.text).toBe(204);
      expect(r.text).toBe('');
      const mine = (await queued()).filter((x) => x.message === `${word} one`);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        level: level,
        service: 'get_product',
        orderId,
        context: { source: 'api', client_id: me.clientId },
      });
      expect(Date.parse(mine[0]!.at as string)).not.toBeNaN();
      const plain = await api.call(POST, path, {
        as: 'admin',
        body: { service_module_name: 'product_qc', log_message: `${word} two` },
      });
      expect(plain.status, plain.text).toBe(204);
      const two = (await queued()).filter((x) => x.message === `${word} two`);
      expect(two).toEqual([expect.objectContaining({ level: level, service: 'product_qc' })]);
      expect(two[0]).not.toHaveProperty('orderId');
    });

    it('bad input: 400 naming the field, nothing written or enqueued', async () => {
      const before = (await queued()).length;
      for (const [body, detail] of [
        [{ log_message: 'x' }, /^service_module_name:/],
        [{ service_module_name: 'no_such_service', log_message: 'x' }, /^service_module_name:.*no_such_service/],
        [{ service_module_name: 'get_product' }, /^log_message:/],
        [{ service_module_name: 'get_product', log_message: '   ' }, /^log_message:/],
        [{ service_module_name: 'get_product', log_message: 'x'.repeat(16_385) }, /^log_message:.*16,384/],
        [{ service_module_name: 'get_product', log_message: 'x', order_id: 'nope' }, /^order_id:/],
        [{ service_module_name: 'get_product', log_message: 'x', level: 'DEBUG' }, /level/],
      ] as const) {
        const r = await api.unchanged(() => api.call(POST, path, { as: 'user', body }));
        api.expectProblem(r, 400, detail);
      }
      expect(await queued()).toHaveLength(before);
    });

    it('another client’s order is 404, wrong scope 403, no token 401; nothing enqueued', async () => {
      const before = (await queued()).length;
      const body = { service_module_name: 'get_product', log_message: 'intruder', order_id: orderId };
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'other', body })), 404, /^order_id:/);
      const unknown = { ...body, order_id: '33333333-3333-4333-8333-333333333333' };
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body: unknown })), 404, /^order_id:/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'reader', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
      expect(await queued()).toHaveLength(before);
    });
  });
}
