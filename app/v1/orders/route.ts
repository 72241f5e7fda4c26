/** GET /v1/orders — the caller's orders (admins: everyone's), newest first, filtered, keyset-paged. */
import { viewerOf, STATUS_SCOPES } from '~/server/http/order-routes';
import { queryParams } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';
import { listOrders, listOrdersQuery } from '~/server/orders/list-orders';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: STATUS_SCOPES }, async ({ deps, caller, req }) => {
  const q = queryParams(req, listOrdersQuery);
  const page = await listOrders(deps.db, viewerOf(caller), q);
  const next = page.next_cursor ? new URL(req.url) : null;
  next?.searchParams.set('cursor', page.next_cursor!);
  return Response.json(
    { ...page, links: { next: next ? `${next.pathname}${next.search}` : null } },
    { headers: { 'cache-control': 'no-store' } },
  );
});
