/** Shapes of the legacy `/v1/auth` API (reference §2.2), built from our client views. */
import type { ClientView } from './schemas';

export const legacyClient = (c: ClientView) => ({
  client_id: c.clientId,
  client_name: c.name,
  grant_type: 'client_credentials',
  response_type: '',
  scope: c.scopes.join(' '),
});

export const legacyScope = (c: ClientView) => ({ client_id: c.clientId, scope: c.scopes.join(' ') });
