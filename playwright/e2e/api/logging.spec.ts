/**
 * The logs over HTTP: a record posted through L1–L3 and the worker's own records for an order (its tasks' ends) are
 * read back through GET /v1/logging by the order's owner; only admins read everything; another client's order is a
 * 404; bad input a 400 naming the field.
 */
import { expect, test } from '@playwright/test';
import { newClient } from '~/playwright/fixtures/cli';
import { manualToken, pollStatus } from '~/playwright/fixtures/orders';

test('posted records and the worker’s own records of an order are readable by its owner', async ({ baseURL, request }) => {
  const c = newClient('user product_qc');
  const token = manualToken(baseURL!, c);
  const headers = { authorization: `Bearer ${token}` };
  const qc = await request.post('/v1/services/product_qc', {
    headers,
    data: { processing_unit_name: '10kmE478N280', product: 'raster', reference_year: 2021 },
  });
  const orderId = (await qc.json()).order_id as string;
  expect((await pollStatus(baseURL!, `/v1/services/order_status/${orderId}`, token)).status).toBe('SUCCESS');

  for (const [path, level] of [
    ['log_error', 'ERROR'],
    ['log_info', 'INFO'],
    ['log_warning', 'WARNING'],
  ] as const) {
    const r = await request.post(`/v1/logging/${path}`, {
      headers,
      data: { service_module_name: 'product_qc', log_message: `checked by hand: ${level}`, order_id: orderId },
    });
    expect(r.status(), path).toBe(204);
  }
  const read = async (qs: string) =>
    (await (await request.get(`/v1/logging?order_id=${orderId}${qs}`, { headers })).json()).logs as {
      level: string;
      service: string;
      message: string;
    }[];
  // The sink writes in batches (about once a second): wait for the records.
  let logs: Awaited<ReturnType<typeof read>> = [];
  for (let i = 0; i < 40; i++) {
    logs = await read('');
    if (
      logs.some((l) => l.message.startsWith('checked by hand: ERROR')) &&
      logs.some((l) => /product_qc: task package done/.test(l.message))
    )
      break;
    await new Promise((res) => setTimeout(res, 250));
  }
  expect(logs.map((l) => l.message)).toEqual(
    expect.arrayContaining(['checked by hand: ERROR', 'checked by hand: INFO', 'checked by hand: WARNING']),
  );
  expect(logs.find((l) => /product_qc: task check done in \d+ ms/.test(l.message))).toMatchObject({
    level: 'INFO',
    service: 'worker',
  });
  expect((await read('&level=warning')).every((l) => ['WARNING', 'ERROR'].includes(l.level))).toBe(true);
  const page = await (await request.get(`/v1/logging?order_id=${orderId}&limit=2`, { headers })).json();
  expect(page.logs).toHaveLength(2);
  expect(page.next_cursor).toBeTruthy();

  const other = { authorization: `Bearer ${manualToken(baseURL!, newClient('user'))}` };
  expect((await request.get(`/v1/logging?order_id=${orderId}`, { headers: other })).status()).toBe(404);
  expect((await request.get('/v1/logging', { headers: other })).status()).toBe(403);
  const admin = { authorization: `Bearer ${manualToken(baseURL!, newClient('admin'))}` };
  expect(
    (await (await request.get('/v1/logging?service=product_qc&limit=5', { headers: admin })).json()).logs.length,
  ).toBeGreaterThan(0);
});

test('bad input is a 400 naming the field; other scopes a 403', async ({ baseURL, request }) => {
  const headers = { authorization: `Bearer ${manualToken(baseURL!, newClient('user'))}` };
  for (const [data, detail] of [
    [{ service_module_name: 'nope', log_message: 'x' }, /^service_module_name: there is no service nope/],
    [{ service_module_name: 'product_qc', log_message: '' }, /^log_message: must not be empty/],
    [{ service_module_name: 'product_qc', log_message: 'x'.repeat(20_000) }, /^log_message: at most 16,384/],
    [{ service_module_name: 'product_qc', log_message: 'x', order_id: 'abc' }, /^order_id: an order id/],
    [
      { service_module_name: 'product_qc', log_message: 'x', order_id: '00000000-0000-4000-8000-000000000000' },
      /^order_id: there is no order/,
    ],
  ] as const) {
    const r = await request.post('/v1/logging/log_info', { headers, data });
    expect([400, 404], JSON.stringify(data).slice(0, 80)).toContain(r.status());
    expect((await r.json()).detail).toMatch(detail);
  }
  const admin = { authorization: `Bearer ${manualToken(baseURL!, newClient('admin'))}` };
  expect((await request.get('/v1/logging?level=loud', { headers: admin })).status()).toBe(400);
  const noScope = { authorization: `Bearer ${manualToken(baseURL!, newClient('get_product'))}` };
  expect(
    (
      await request.post('/v1/logging/log_info', {
        headers: noScope,
        data: { service_module_name: 'product_qc', log_message: 'x' },
      })
    ).status(),
  ).toBe(403);
});
