/** GET /v1/products/nations — the nations get_national_product accepts, Title-cased as in the reference. */
import { asc, isNotNull } from 'drizzle-orm';
import { nations } from '~/db/schema';
import { ORDER_SCOPES } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

const titleCase = (s: string) =>
  s.toLowerCase().replace(/(^|[\s(-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());

export const GET = withApiClient({ scopes: ORDER_SCOPES }, async ({ deps }) => {
  const rows = await deps.db
    .select({ name: nations.name })
    .from(nations)
    .where(isNotNull(nations.boundary))
    .orderBy(asc(nations.name));
  return Response.json({ nations: rows.map((r) => titleCase(r.name)) }, { headers: { 'cache-control': 'private, max-age=300' } });
});
