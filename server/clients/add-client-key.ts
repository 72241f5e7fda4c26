/** Registers a client's public key (JWK) for private_key_jwt and the JWT-bearer grant. */
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Database } from '~/db/client';
import { clientKeys } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { auditActor, type Actor } from './audit-actor';
import { clientRowId } from './get-client';
import { publicJwk } from './schemas';

export async function addClientKey(
  db: Database,
  opts: { clientId: string; jwk: unknown },
  actor: Actor,
): Promise<{ kid: string }> {
  const jwk = publicJwk.parse(opts.jwk) as JWK;
  const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');
  try {
    await importJWK(jwk, alg);
  } catch {
    throw new AppError('VALIDATION', `jwk: not a usable ${alg} public key`);
  }
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  const id = await clientRowId(db, opts.clientId);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(clientKeys)
      .values({ apiClientId: id, kid, jwk: { ...jwk, kid, alg } as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ id: clientKeys.id });
    if (inserted.length === 0) throw new AppError('CONFLICT', `the client already has a key with kid ${kid}`);
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.key_added',
      targetType: 'client',
      targetId: opts.clientId,
      details: { kid, alg },
    });
  });
  return { kid };
}
