/**
 * What notifications need from the configuration: the allow-list of webhook destinations on private networks
 * (WEBHOOK_ALLOWED_HOSTS) and the SMTP server (SMTP_URL, MAIL_FROM; none: no e-mail). Read from the environment once
 * per process (`notificationSettings()`); operations take them as an argument, so tests give their own.
 */
import ipaddr from 'ipaddr.js';
import { env } from '../env.js';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

export type AllowList = {
  /** Host names, lower case: allowed whatever they resolve to. */
  hosts: ReadonlySet<string>;
  /** Addresses and CIDRs an address may be in. */
  ranges: readonly [Ip, number][];
};

export type MailSettings = { url: string; from: string };

export type NotificationSettings = {
  allowList: AllowList;
  mail: MailSettings | null;
  /** One attempt's bound (connect, send, first 1 KB of the answer). */
  timeoutMs: number;
};

export const ATTEMPT_TIMEOUT_MS = 10_000;

/** `127.0.0.1, hooks.internal, 10.20.0.0/16, [::1]` → the allow-list (env.js has validated it). */
export function parseAllowList(text: string): AllowList {
  const hosts = new Set<string>();
  const ranges: [Ip, number][] = [];
  for (const raw of text.split(',')) {
    const s = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (!s) continue;
    if (ipaddr.isValidCIDR(s)) ranges.push(ipaddr.parseCIDR(s));
    else if (ipaddr.isValid(s)) {
      const ip = ipaddr.process(s);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(s.toLowerCase());
  }
  return { hosts, ranges };
}

let fromEnv: NotificationSettings | undefined;

export function notificationSettings(): NotificationSettings {
  fromEnv ??= {
    allowList: parseAllowList(env.WEBHOOK_ALLOWED_HOSTS),
    mail: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
  };
  return fromEnv;
}
