/** A webhook endpoint as its owner sees it: never its secret. And the origin of a URL, for audit records. */
import type { WebhookEndpoint } from '~/db/schema';
import { ORDER_EVENT_TYPES } from './events';

export type WebhookView = {
  client_id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabled_at: string | null;
  disabled_reason: string | null;
  /** After a rotation, the previous secret also signs until then. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toWebhookView = (e: WebhookEndpoint, clientId: string, now = new Date()): WebhookView => ({
  client_id: clientId,
  url: e.url,
  events: e.events ?? [...ORDER_EVENT_TYPES],
  enabled: !e.disabledAt,
  disabled_at: iso(e.disabledAt),
  disabled_reason: e.disabledReason,
  previous_secret_expires_at:
    e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? iso(e.previousSecretExpiresAt) : null,
  created_at: e.createdAt.toISOString(),
  updated_at: e.updatedAt.toISOString(),
});

/** `https://host:port` of a URL: what audit records keep (a path or query may carry the receiver's own token). */
export const originOf = (url: string) => new URL(url).origin;
