/** An API client with what authentication needs: its live secrets, public keys and allowed scopes. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';

export type ClientForAuth = {
  id: string;
  clientId: string;
  customerId: string;
  disabled: boolean;
  scopes: string[];
  secrets: { id: string; hash: string; expiresAt: Date | null }[];
  keys: { kid: string; jwk: Record<string, unknown> }[];
};

export async function loadClientForAuth(db: DbOrTx, clientId: string, now = new Date()): Promise<ClientForAuth | null> {
  const rows = await db.execute<{
    id: string;
    client_id: string;
    customer_id: string;
    disabled: boolean;
    scopes: string[] | null;
    secrets: { id: string; hash: string; expires_at: string | null }[] | null;
    keys: { kid: string; jwk: Record<string, unknown> }[] | null;
  }>(sql`
    select c.id, c.client_id, c.customer_id, c.disabled_at is not null as disabled,
      (select array_agg(s.scope order by s.scope) from api_client_scopes s where s.api_client_id = c.id) as scopes,
      (select json_agg(json_build_object('id', cs.id, 'hash', cs.secret_hash, 'expires_at', cs.expires_at) order by cs.created_at desc)
         from client_secrets cs where cs.api_client_id = c.id and (cs.expires_at is null or cs.expires_at > ${now.toISOString()}::timestamptz)) as secrets,
      (select json_agg(json_build_object('kid', k.kid, 'jwk', k.jwk))
         from client_keys k where k.api_client_id = c.id and k.revoked_at is null) as keys
    from api_clients c where c.client_id = ${clientId}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    clientId: r.client_id,
    customerId: r.customer_id,
    disabled: r.disabled,
    scopes: r.scopes ?? [],
    secrets: (r.secrets ?? []).map((s) => ({ id: s.id, hash: s.hash, expiresAt: s.expires_at ? new Date(s.expires_at) : null })),
    keys: r.keys ?? [],
  };
}
