/**
 * Queue administration over HTTP (admin): the queues with counts and workers, pause and resume, the legacy RabbitMQ
 * shapes (R1, R5, R6), the Redis status; unknown queues 404, unknown actions and bad options 400, other tokens 403.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { clientToken } from '~/playwright/fixtures/cli';

async function auth(request: APIRequestContext, scopes: string) {
  return (await clientToken(request, scopes)).headers;
}

test('admins see and steer the queues', async ({ request }) => {
  const admin = await auth(request, 'admin');
  const list = (await (await request.get('/v1/queues', { headers: admin })).json()).queues;
  expect(list.map((q: { name: string }) => q.name)).toEqual([
    'orders',
    'tasks',
    'logs',
    'maintenance',
    'airflow',
    'notifications',
  ]);
  expect(list.find((q: { name: string }) => q.name === 'tasks').workers).toBeGreaterThan(0);

  const paused = await request.post('/v1/queues/maintenance/pause', { headers: admin });
  expect(paused.status()).toBe(200);
  expect((await paused.json()).queue.paused).toBe(true);
  const resumed = await (await request.post('/v1/queues/maintenance/resume', { headers: admin })).json();
  expect(resumed.queue.paused).toBe(false);
  const cleaned = await request.post('/v1/queues/maintenance/clean', {
    headers: admin,
    data: { state: 'completed', older_than_seconds: 86400 },
  });
  expect(cleaned.status()).toBe(200);

  expect(await (await request.get('/v1/rabbitmq/queues', { headers: admin })).json()).toEqual({
    available_queues: ['orders', 'tasks', 'logs', 'maintenance', 'airflow', 'notifications'],
  });
  expect(await (await request.get('/v1/rabbitmq/messageCount/tasks', { headers: admin })).json()).toMatchObject({
    queue_name: 'tasks',
    message_count: expect.any(Number),
  });
  expect(await (await request.get('/v1/rabbitmq/serverStatus', { headers: admin })).json()).toMatchObject({
    server_status: expect.stringMatching(/^Redis .* is up and running$/),
  });
  expect((await (await request.get('/v1/queues/redis', { headers: admin })).json()).ok).toBe(true);
});

test('unknown queues, unknown actions, bad options, other tokens', async ({ request }) => {
  const admin = await auth(request, 'admin');
  const cases: [string, Record<string, unknown> | undefined, number, RegExp][] = [
    ['/v1/queues/rabbit/pause', undefined, 404, /^queue: there is no queue rabbit/],
    ['/v1/queues/tasks/purge', undefined, 400, /one of pause, resume, retry, clean/],
    ['/v1/queues/tasks/clean', { state: 'active', older_than_seconds: 1 }, 400, /^state: completed or failed/],
    ['/v1/queues/tasks/clean', { state: 'failed' }, 400, /^older_than_seconds: /],
    ['/v1/queues/tasks/pause', { force: true }, 400, /force/],
  ];
  for (const [url, data, status, detail] of cases) {
    const r = await request.post(url, { headers: admin, ...(data ? { data } : {}) });
    expect(r.status(), url).toBe(status);
    expect((await r.json()).detail, url).toMatch(detail);
  }
  expect((await request.get('/v1/queues/rabbit', { headers: admin })).status()).toBe(404);
  const user = await auth(request, 'user get_product');
  expect((await request.get('/v1/queues', { headers: user })).status()).toBe(403);
  expect((await request.post('/v1/queues/tasks/pause', { headers: user })).status()).toBe(403);
  expect((await (await request.get('/v1/queues/tasks', { headers: admin })).json()).paused).toBe(false);
});
