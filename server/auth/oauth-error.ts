/**
 * Errors of the OAuth endpoints in RFC 6749 §5.2 form (`{"error": …, "error_description": …}`), distinct from the
 * problem+json of the rest of the API because OAuth client libraries expect exactly this shape.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'rate_limited';

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === 'invalid_client' ? 401 : error === 'rate_limited' ? 429 : 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export function oauthErrorResponse(e: OAuthError): Response {
  return Response.json(
    { error: e.error, error_description: e.description },
    { status: e.status, headers: { ...NO_STORE, ...e.headers } },
  );
}
