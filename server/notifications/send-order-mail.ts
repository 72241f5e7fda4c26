/**
 * The e-mail of a final order state (nodemailer over SMTP_URL, from MAIL_FROM): plain text and a simple HTML part
 * with the order id, the service, the status, and the download link or the reason it failed. One transport per
 * process and URL. Never throws: the outcome is the SMTP reply (code and text) or the error; a 5xx reply to the
 * recipient or the message is permanent (the address does not exist, the message is refused); anything else (the
 * login, the connection, a 4xx) may be retried.
 */
import nodemailer from 'nodemailer';
import type { OrderStatusView } from '../orders/get-order-status';
import { escapeXml } from '../packages/escape-xml';
import { storableExcerpt, type AttemptOutcome } from './post-webhook';
import type { MailSettings } from './settings';

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

function transportFor(url: string, timeoutMs: number): Transport {
  let t = transports.get(url);
  if (!t) {
    // nodemailer reads host, port, smtps: (TLS) and the credentials from the URL itself.
    t = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
    transports.set(url, t);
  }
  return t;
}

const SAID: Record<string, string> = {
  SUCCESS: 'is ready',
  FAILED: 'failed',
  INVALID: 'could not be served',
  ABORTED: 'was cancelled',
};

/** Subject, text and HTML of the mail for an order's status. */
export function orderMail(s: OrderStatusView, statusUrl: string) {
  const subject = `CLC+ Backbone order ${s.order_id}: ${s.status}`;
  const lines: [string, string][] = [
    ['Order', s.order_id],
    ['Service', s.service],
    ['Status', s.status],
  ];
  if (s.result) lines.push(['Download', s.result]);
  if (s.package?.expires_at) lines.push(['Available until', s.package.expires_at]);
  if (s.error) lines.push(['Reason', `${s.error.message} (${s.error.code})`]);
  lines.push(['Status link', statusUrl]);
  const intro = `Your order ${s.order_id} (${s.service}) ${SAID[s.status] ?? `is ${s.status}`}.`;
  const text = `${intro}\n\n${lines.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
  const cell = (k: string, v: string) =>
    `<tr><th align="left">${escapeXml(k)}</th><td>${/^https?:/.test(v) ? `<a href="${escapeXml(v)}">${escapeXml(v)}</a>` : escapeXml(v)}</td></tr>`;
  const html = `<p>${escapeXml(intro)}</p>\n<table>${lines.map(([k, v]) => cell(k, v)).join('')}</table>\n`;
  return { subject, text, html };
}

export async function sendOrderMail(
  mail: MailSettings,
  o: { to: string; status: OrderStatusView; statusUrl: string; messageId: string; timeoutMs: number },
): Promise<AttemptOutcome & { permanent: boolean }> {
  const t0 = performance.now();
  const content = orderMail(o.status, o.statusUrl);
  try {
    const info = await transportFor(mail.url, o.timeoutMs).sendMail({
      from: mail.from,
      to: o.to,
      ...content,
      // Stable across retries, so a receiving system can tell a repeated mail from a new one.
      messageId: `<${o.messageId}@clcplus>`,
    });
    const code = Number(/^\d{3}/.exec(String(info.response))?.[0] ?? 250);
    return {
      statusCode: code,
      error: null,
      durationMs: Math.round(performance.now() - t0),
      response: storableExcerpt(Buffer.from(String(info.response))) || null,
      permanent: false,
    };
  } catch (e) {
    const err = e as Error & { responseCode?: number; code?: string; response?: string };
    return {
      statusCode: err.responseCode ?? null,
      error: `${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 1000),
      durationMs: Math.round(performance.now() - t0),
      response: err.response ? storableExcerpt(Buffer.from(err.response)) : null,
      // A 5xx to the recipient or the message is final; our own login or connection failing is worth retrying.
      permanent: !!err.responseCode && err.responseCode >= 500 && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE'),
    };
  }
}
