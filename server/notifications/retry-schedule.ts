/**
 * When to try again: exponential backoff with jitter for 24 hours after the first attempt — about 30 s, 2 min,
 * 10 min, 30 min, 1 h, 2 h, then every 4 h, each ±20 % so that deliveries failed together do not come back together;
 * one last attempt at 24 h; then the delivery is failed (about 12 attempts in all).
 */
const BASE_DELAYS_S = [30, 120, 600, 1800, 3600, 7200];
const LATER_DELAY_S = 4 * 3600;
export const RETRY_WINDOW_MS = 24 * 3600_000;

/** The next attempt after attempt number `attempt` (1 = the first) made at `now`, or null: give up. */
export function nextAttemptAt(firstAttemptAt: Date, attempt: number, now: Date, random: () => number = Math.random): Date | null {
  const end = firstAttemptAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= end) return null;
  const base = (BASE_DELAYS_S[attempt - 1] ?? LATER_DELAY_S) * 1000;
  const at = now.getTime() + Math.round(base * (0.8 + 0.4 * random()));
  return new Date(Math.min(at, end));
}
