import type { Caller } from '../auth/verify-access-token';
import type { Actor } from '../clients/audit-actor';

/** The audit actor of an API request. */
export const actorOf = (caller: Caller, meta: { ip: string; requestId: string }): Actor => ({
  type: 'client',
  id: caller.clientId,
  ip: meta.ip,
  requestId: meta.requestId,
});
