/**
 * One attempt to deliver a notification (the `notifications.deliver` job; POST /v1/webhooks/test for a ping):
 * 1. claim the delivery — pending, due, not held by another sender — for a while (at most one attempt at a time;
 *    a replayed or early job finds nothing to do);
 * 2. send it: a webhook or callback POST signed with the client's secret (Standard Webhooks; the previous secret
 *    also signs during a rotation's overlap), or the e-mail; the body is the outbox payload, with the download link
 *    of a SUCCESS order signed now (it is never stored) — for an OGC `subscriber` the OGC document instead;
 * 3. record the attempt and decide: 2xx (or the mail accepted) → delivered; 410 Gone → failed, and the client's
 *    webhook disabled if it was its URL; a removed webhook (no secret left) or a refused mail → failed; otherwise
 *    the next attempt by the retry schedule (retry-schedule.ts), failed after 24 h; a ping is tried once;
 * 4. hand the next attempt to the queue, delayed (the sweep catches it if that is lost).
 */
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { notificationAttempts, notificationDeliveries, webhookEndpoints, type NotificationDelivery } from '~/db/schema';
import { open } from '../auth/secret-box';
import { getOrderStatus, type OrderStatusView } from '../orders/get-order-status';
import { ogcCallbackBody } from '../ogc/callback-body';
import type { Enqueue } from '../queue/enqueue';
import type { Resolve } from './check-destination';
import { enqueueDeliveries } from './enqueue-deliveries';
import { messageIdOf, PING } from './events';
import { postWebhook, type AttemptOutcome } from './post-webhook';
import { nextAttemptAt } from './retry-schedule';
import { sendOrderMail } from './send-order-mail';
import type { NotificationSettings } from './settings';
import { webhookHeaders } from './sign-webhook';

export type DeliverDeps = {
  db: Database;
  settings: NotificationSettings;
  /** KEY_ENCRYPTION_KEY: opens the sealed webhook secrets. */
  encryptionKey: string;
  /** For the download link of a SUCCESS order (as GET /v1/services/order_status signs it). */
  links: { baseUrl: string; signingKey: string };
  enqueue?: Enqueue;
  now?: () => Date;
  resolve?: Resolve;
};

export type DeliveryResult = {
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempt?: number;
  statusCode?: number | null;
  error?: string | null;
  nextAttemptAt?: string | null;
};

/** Longer than an attempt can take (10 s), so that a claim outlives its attempt; a crashed sender's claim lapses. */
const CLAIM_MS = 2 * 60_000;
/** A delayed job may fire a little before the instant the database holds. */
const EARLY_MS = 2_000;

const failure = (error: string): AttemptOutcome => ({ statusCode: null, error, durationMs: 0, response: null });

async function claim(db: Database, id: string, now: Date): Promise<NotificationDelivery | undefined> {
  const [d] = await db
    .update(notificationDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + CLAIM_MS) })
    .where(
      and(
        eq(notificationDeliveries.id, id),
        eq(notificationDeliveries.state, 'pending'),
        lte(notificationDeliveries.nextAttemptAt, new Date(now.getTime() + EARLY_MS)),
        or(isNull(notificationDeliveries.lockedUntil), lte(notificationDeliveries.lockedUntil, now)),
      ),
    )
    .returning();
  return d;
}

/** The order status the delivery carries, with the download link of a SUCCESS order signed now. */
async function statusOf(deps: DeliverDeps, d: NotificationDelivery): Promise<OrderStatusView> {
  const data = d.payload.data as OrderStatusView;
  if (data.status !== 'SUCCESS' || !d.orderId) return data;
  const now = await getOrderStatus({ db: deps.db, ...deps.links }, { apiClientId: d.apiClientId, admin: false }, d.orderId);
  return { ...data, result: now.result, package: now.package };
}

type Sent = { outcome: AttemptOutcome; delivered: boolean; stop: string | null; disable: boolean; destination: string };

async function sendWebhook(deps: DeliverDeps, d: NotificationDelivery, now: Date): Promise<Sent> {
  const [endpoint] = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, d.apiClientId));
  const stopped = (why: string): Sent => ({
    outcome: failure(why),
    delivered: false,
    stop: why,
    disable: false,
    destination: d.destination,
  });
  if (!endpoint) return stopped('the webhook was removed (DELETE /v1/webhooks): no secret to sign with');
  if (d.channel === 'webhook' && endpoint.disabledAt) return stopped(`the webhook is disabled: ${endpoint.disabledReason ?? ''}`);
  const url = d.channel === 'webhook' ? endpoint.url : d.destination;
  const secrets = [open(endpoint.secretSealed, deps.encryptionKey)];
  if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(open(endpoint.previousSecretSealed, deps.encryptionKey));
  }
  const status = await statusOf(deps, d);
  const body = JSON.stringify(
    d.payload.format === 'ogc' ? await ogcCallbackBody(deps.db, status, d.payload) : { ...d.payload, data: status },
  );
  const outcome = await postWebhook({
    url,
    body,
    headers: webhookHeaders(secrets, messageIdOf(d.id), now, body),
    allowList: deps.settings.allowList,
    timeoutMs: deps.settings.timeoutMs,
    resolve: deps.resolve,
  });
  const code = outcome.statusCode;
  const gone = code === 410;
  return {
    outcome,
    delivered: code !== null && code >= 200 && code < 300,
    stop: gone ? 'the endpoint answered 410 Gone' : null,
    disable: gone && d.channel === 'webhook',
    destination: url,
  };
}

async function sendMail(deps: DeliverDeps, d: NotificationDelivery): Promise<Sent> {
  const base = { disable: false, destination: d.destination };
  if (!deps.settings.mail) {
    const why = 'e-mail is not configured (SMTP_URL, MAIL_FROM)';
    return { ...base, outcome: failure(why), delivered: false, stop: why };
  }
  const status = await statusOf(deps, d);
  const outcome = await sendOrderMail(deps.settings.mail, {
    to: d.destination,
    status,
    statusUrl: `${deps.links.baseUrl}/v1/services/order_status/${status.order_id}`,
    messageId: messageIdOf(d.id),
    timeoutMs: deps.settings.timeoutMs,
  });
  return {
    ...base,
    outcome,
    delivered: !outcome.error,
    stop: outcome.permanent ? `the mail server refused the message: ${outcome.error}` : null,
  };
}

export async function deliverNotification(deps: DeliverDeps, deliveryId: string): Promise<DeliveryResult> {
  const now = deps.now?.() ?? new Date();
  const d = await claim(deps.db, deliveryId, now);
  if (!d) return { state: 'skipped' };
  const attempt = d.attempts + 1;
  const first = d.firstAttemptAt ?? now;
  const sent = d.channel === 'email' ? await sendMail(deps, d) : await sendWebhook(deps, d, now);
  const { outcome } = sent;
  const next = sent.delivered || sent.stop || d.eventType === PING ? null : nextAttemptAt(first, attempt, now);
  const state = sent.delivered ? 'delivered' : next ? 'pending' : 'failed';
  const lastError = sent.delivered
    ? null
    : (sent.stop ??
      outcome.error ??
      `answered ${outcome.statusCode}${outcome.response ? `: ${outcome.response.slice(0, 200)}` : ''}`);

  await deps.db.transaction(async (tx) => {
    await tx.insert(notificationAttempts).values({
      deliveryId: d.id,
      attempt,
      at: now,
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      error: outcome.error,
      response: outcome.response,
    });
    await tx
      .update(notificationDeliveries)
      .set({
        attempts: attempt,
        state,
        nextAttemptAt: next,
        lockedUntil: null,
        firstAttemptAt: first,
        lastError,
        destination: sent.destination,
        finishedAt: state === 'pending' ? null : now,
      })
      .where(eq(notificationDeliveries.id, d.id));
    if (sent.disable) {
      await tx
        .update(webhookEndpoints)
        .set({ disabledAt: now, disabledReason: `${sent.stop} on ${now.toISOString()}` })
        .where(eq(webhookEndpoints.apiClientId, d.apiClientId));
    }
  });
  if (next && deps.enqueue) {
    await enqueueDeliveries(deps.enqueue, [d.id], { attempt, delayMs: Math.max(0, next.getTime() - now.getTime()) });
  }
  return {
    state,
    attempt,
    statusCode: outcome.statusCode,
    error: lastError,
    nextAttemptAt: next?.toISOString() ?? null,
  };
}
