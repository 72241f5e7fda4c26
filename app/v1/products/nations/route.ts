/** GET /v1/products/nations — the nations get_national_product accepts, Title-cased as in the reference. */
import { ORDER_SCOPES } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { listNations } from '~/server/nations/list-nations';

export const dynamic = 'force-dynamic';

const titleCase = (s: string) =>
  s.toLowerCase().replace(/(^|[\s(-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());

export const GET = withApiClient({ scopes: ORDER_SCOPES }, async ({ deps }) => {
  const names = await listNations(deps.db);
  return Response.json({ nations: names.map(titleCase) }, { headers: { 'cache-control': 'private, max-age=300' } });
});
