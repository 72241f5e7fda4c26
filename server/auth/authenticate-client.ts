/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 §2.3, RFC 7523 §2.2):
 * exactly one of `client_secret_basic`, `client_secret_post` or `private_key_jwt`.
 */
import type { Database } from '~/db/client';
import { isAppError } from '../errors';
import { decodeFormComponent, decodeUtf8, unstorableReason } from '../security/storable-text';
import { loadClientForAuth, type ClientForAuth } from './load-client';
import { OAuthError } from './oauth-error';
import { verifyClientAssertion } from './verify-client-assertion';
import { verifyClientSecret } from './verify-client-secret';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export async function authenticateClient(
  db: Database,
  req: { form: Map<string, string>; authorization: string | null; audiences: string[] },
): Promise<{ client: ClientForAuth; method: ClientAuthMethod }> {
  const basic = req.authorization && /^basic /i.test(req.authorization) ? req.authorization.slice(6).trim() : null;
  const postSecret = req.form.get('client_secret');
  const assertion = req.form.get('client_assertion');
  const used = [basic, postSecret, assertion].filter((x) => x !== undefined && x !== null).length;
  if (used > 1) throw new OAuthError('invalid_request', 'use exactly one client authentication method');
  if (used === 0) {
    throw new OAuthError('invalid_client', 'client authentication is required', 401, {
      'www-authenticate': 'Basic realm="clcplus"',
    });
  }

  if (assertion) {
    if (req.form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
      throw new OAuthError('invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
    }
    const client = await verifyClientAssertion(db, assertion, { audiences: req.audiences, purpose: 'client authentication' });
    const named = req.form.get('client_id');
    if (named && named !== client.clientId) throw new OAuthError('invalid_client', 'client_id does not match the assertion');
    return { client, method: 'private_key_jwt' };
  }

  let clientId: string;
  let secret: string;
  let method: ClientAuthMethod;
  if (basic) {
    // RFC 6749 §2.3.1: base64 of form-encoded id ":" secret. Bytes that are not UTF-8, and text that cannot be
    // stored (a NUL…), are malformed credentials: refused before any query.
    const malformed = (detail: string) =>
      new OAuthError('invalid_client', `malformed Basic credentials: ${detail}`, 401, {
        'www-authenticate': 'Basic realm="clcplus"',
      });
    try {
      const decoded = decodeUtf8(Buffer.from(basic, 'base64'), 'the decoded value');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw malformed('no ":" between client id and secret');
      clientId = decodeFormComponent(decoded.slice(0, colon), 'client id');
      secret = decodeFormComponent(decoded.slice(colon + 1), 'secret');
    } catch (e) {
      throw e instanceof OAuthError ? e : malformed(isAppError(e) ? e.detail : 'not decodable');
    }
    method = 'client_secret_basic';
  } else {
    clientId = req.form.get('client_id') ?? '';
    secret = postSecret!;
    method = 'client_secret_post';
  }
  if (unstorableReason(clientId) || unstorableReason(secret)) {
    throw new OAuthError('invalid_client', 'the client id or secret holds text that cannot be stored (a NUL character…)');
  }
  const client = clientId ? await loadClientForAuth(db, clientId) : null;
  if (!(await verifyClientSecret(client, secret)) || !client) {
    throw new OAuthError(
      'invalid_client',
      'unknown client or wrong secret',
      401,
      basic ? { 'www-authenticate': 'Basic realm="clcplus"' } : {},
    );
  }
  return { client, method };
}
