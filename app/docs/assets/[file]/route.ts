/** GET /docs/assets/{file} — the scripts and styles of /docs (swagger-ui-dist's, read from node_modules). */
import { docsAssetResponse } from '~/server/openapi/docs-page';
import { problemResponse } from '~/server/http/problem';
import { AppError } from '~/server/errors';
import { requestIdOf } from '~/server/http/request';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  return (
    docsAssetResponse(file, req) ??
    problemResponse(new AppError('NOT_FOUND', `there is no docs asset ${file}`), {
      requestId: requestIdOf(req),
      instance: new URL(req.url).pathname,
    })
  );
}
