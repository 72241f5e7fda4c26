/**
 * The built-in API client that stands for console users on the legacy `/v1/auth/login`: it has no secret and no key
 * (it cannot get tokens itself); tokens issued to signed-in people carry it as `client_id` and the user id as `sub`.
 */
export const CONSOLE_CLIENT_ID = 'clcplus-console';

/** API scopes a console role gets on the legacy login. */
export const ROLE_SCOPES: Record<'admin' | 'operator' | 'viewer', string[]> = {
  admin: ['admin', 'get_product', 'user'],
  operator: ['get_product', 'user'],
  viewer: ['user'],
};
