/**
 * The thin REST layer of webhooks (docs/notifications.md): `/v1/webhooks` (GET, PUT, DELETE), `rotate_secret`,
 * `deliveries`, `test`. Every route works on the caller's own client; an admin names another with `?client_id=`.
 * Any valid token may use them (as it may follow its orders). The secret appears only in the answers of a creation
 * and of a rotation. Configuration comes from the environment here, once.
 */
import type { AppDeps } from '../deps';
import type { DeliverDeps } from '../notifications/deliver-notification';
import { deleteWebhook } from '../notifications/delete-webhook';
import { getWebhook } from '../notifications/get-webhook';
import { listDeliveries } from '../notifications/list-deliveries';
import { rotateWebhookSecret } from '../notifications/rotate-webhook-secret';
import { saveWebhook } from '../notifications/save-webhook';
import { notificationSettings } from '../notifications/settings';
import { testWebhook } from '../notifications/test-webhook';
import { deliveriesQuery, saveWebhookBody, webhookOwnerQuery } from '../notifications/webhook-body';
import { webhookOwner } from '../notifications/webhook-owner';
import { actorOf } from './actor';
import { statusDeps } from './order-routes';
import { jsonBody, queryParams } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const WEBHOOK_SCOPES: string[] = [];

const noStore = { 'cache-control': 'no-store' };
const json = (body: unknown, status = 200) => Response.json(body, { status, headers: noStore });

const ownerOf = ({ deps, caller, req }: ApiHandlerArgs) =>
  webhookOwner(deps.db, caller, queryParams(req, webhookOwnerQuery).client_id);

export const deliverDeps = (deps: AppDeps): DeliverDeps => {
  const { baseUrl, signingKey } = statusDeps(deps);
  return {
    db: deps.db,
    settings: notificationSettings(),
    encryptionKey: deps.auth.encryptionKey,
    links: { baseUrl, signingKey },
    enqueue: deps.queues.enqueue,
  };
};

export async function saveWebhookRoute(args: ApiHandlerArgs) {
  const { deps, caller, req, ip, requestId } = args;
  const owner = await ownerOf(args);
  const body = await jsonBody(req, saveWebhookBody);
  const { webhook, secret } = await saveWebhook(
    { db: deps.db, settings: notificationSettings(), encryptionKey: deps.auth.encryptionKey },
    actorOf(caller, { ip, requestId }),
    owner,
    body,
  );
  return secret ? json({ ...webhook, secret }, 201) : json(webhook);
}

export async function getWebhookRoute(args: ApiHandlerArgs) {
  return json(await getWebhook(args.deps.db, await ownerOf(args)));
}

export async function deleteWebhookRoute(args: ApiHandlerArgs) {
  const { deps, caller, ip, requestId } = args;
  await deleteWebhook(deps.db, actorOf(caller, { ip, requestId }), await ownerOf(args));
  return new Response(null, { status: 204, headers: noStore });
}

export async function rotateWebhookSecretRoute(args: ApiHandlerArgs) {
  const { deps, caller, ip, requestId } = args;
  const { webhook, secret } = await rotateWebhookSecret(
    { db: deps.db, encryptionKey: deps.auth.encryptionKey },
    actorOf(caller, { ip, requestId }),
    await ownerOf(args),
  );
  return json({ ...webhook, secret });
}

export async function listDeliveriesRoute({ deps, caller, req }: ApiHandlerArgs) {
  const q = queryParams(req, deliveriesQuery);
  const page = await listDeliveries(deps.db, await webhookOwner(deps.db, caller, q.client_id), q);
  const next = page.next_cursor ? new URL(req.url) : null;
  next?.searchParams.set('cursor', page.next_cursor!);
  return json({ ...page, links: { next: next ? `${next.pathname}${next.search}` : null } });
}

export async function testWebhookRoute(args: ApiHandlerArgs) {
  return json(await testWebhook(deliverDeps(args.deps), await ownerOf(args)));
}
