// When a failed delivery is tried again, and whether it is tried again at all.
//   - retried: 5xx, 408, 429, a timeout, a network error (connection refused, reset…);
//   - not retried: other 4xx (the receiver refused this event: sending it again will not help)
//     and a URL the outbound policy refuses (internal address, not allowed);
//   - the delay after attempt n is schedule[n-1] (10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h by
//     default), and the delivery fails for good after maxAttempts attempts (8: about 10 h).
// The schedule is injectable so tests do not wait minutes.

export interface BackoffPolicy {
  /** Delays in ms after the 1st, 2nd… failed attempt; the last one repeats. */
  scheduleMs: readonly number[];
  /** Attempts in all (the first included) before the delivery is marked failed. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  scheduleMs: [10_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000],
  maxAttempts: 8,
};

/**
 * The delay before the next attempt after `attempts` failed attempts, or null when there is
 * none left (the delivery has failed).
 */
export function nextRetryDelay(policy: BackoffPolicy, attempts: number): number | null {
  if (attempts >= policy.maxAttempts || policy.scheduleMs.length === 0) return null;
  return policy.scheduleMs[Math.min(attempts, policy.scheduleMs.length) - 1] ?? policy.scheduleMs[0];
}

/** An HTTP answer worth retrying (the receiver may take it later). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** `WEBHOOK_BACKOFF_SECONDS=10,30,120` and `WEBHOOK_MAX_ATTEMPTS=8`, else the default. */
export function backoffFromEnv(env: Record<string, string | undefined>): BackoffPolicy {
  const raw = env.WEBHOOK_BACKOFF_SECONDS?.trim();
  const schedule = raw ? raw.split(',').map((s) => Number(s.trim()) * 1000) : null;
  const scheduleMs = schedule && schedule.length > 0 && schedule.every((n) => Number.isFinite(n) && n >= 0) ? schedule : DEFAULT_BACKOFF.scheduleMs;
  const max = Number(env.WEBHOOK_MAX_ATTEMPTS);
  return { scheduleMs, maxAttempts: Number.isInteger(max) && max >= 1 ? max : DEFAULT_BACKOFF.maxAttempts };
}
