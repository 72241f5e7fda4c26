import { env, publicUrl } from '~/server/env.js';
import { deliverNotification } from '~/server/notifications/deliver-notification';
import { notificationSettings } from '~/server/notifications/settings';
import { defineProcessor } from './define-processor';

/**
 * One attempt to deliver a notification (webhook, callback, e-mail); the next attempt, if any, is enqueued by the
 * attempt itself, delayed by the retry schedule (server/notifications/deliver-notification.ts).
 */
export default defineProcessor({
  job: 'notifications.deliver',
  run: async ({ payload, deps }) =>
    deliverNotification(
      {
        db: deps.db,
        settings: notificationSettings(),
        encryptionKey: deps.auth.encryptionKey,
        links: { baseUrl: publicUrl(env), signingKey: env.DOWNLOAD_SIGNING_KEY },
        enqueue: deps.queues.enqueue,
        now: deps.now,
      },
      payload.deliveryId,
    ),
});
