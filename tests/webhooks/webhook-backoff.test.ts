// When a failed delivery is tried again: the schedule, the last attempt, what is retried.
import { describe, expect, it } from 'vitest';
import { backoffFromEnv, DEFAULT_BACKOFF, isRetryableStatus, nextRetryDelay } from '@/flow-runtime/webhooks/webhook-backoff';

describe('webhook backoff', () => {
  it('waits 10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, then gives up after 8 attempts', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => nextRetryDelay(DEFAULT_BACKOFF, n));
    expect(delays).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, null]);
  });

  it('repeats the last delay of a short schedule until maxAttempts', () => {
    const policy = { scheduleMs: [5, 20], maxAttempts: 5 };
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelay(policy, n))).toEqual([5, 20, 20, 20, null]);
    expect(nextRetryDelay({ scheduleMs: [5], maxAttempts: 1 }, 1)).toBeNull();
  });

  it('retries 5xx, 408 and 429; not other 4xx', () => {
    expect([500, 502, 503, 504, 408, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads WEBHOOK_BACKOFF_SECONDS and WEBHOOK_MAX_ATTEMPTS; ignores nonsense', () => {
    expect(backoffFromEnv({ WEBHOOK_BACKOFF_SECONDS: '1, 2,3', WEBHOOK_MAX_ATTEMPTS: '4' })).toEqual({ scheduleMs: [1000, 2000, 3000], maxAttempts: 4 });
    expect(backoffFromEnv({ WEBHOOK_BACKOFF_SECONDS: 'soon', WEBHOOK_MAX_ATTEMPTS: '0' })).toEqual(DEFAULT_BACKOFF);
    expect(backoffFromEnv({})).toEqual(DEFAULT_BACKOFF);
  });
});
