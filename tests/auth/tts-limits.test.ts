// Per-user token bucket and bounded concurrency of the admin's text-to-speech.
import { describe, expect, it } from 'vitest';
import { BoundedConcurrency, TokenBuckets } from '@/app/lib/tts/tts-limits';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the wait, and refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 6, 100, () => now);
    expect([buckets.take('u'), buckets.take('u'), buckets.take('u')]).toEqual([0, 0, 0]);
    expect(buckets.take('u')).toBe(10);
    expect(buckets.take('other')).toBe(0);
    now += 10_000;
    expect(buckets.take('u')).toBe(0);
  });
});

describe('BoundedConcurrency', () => {
  it('runs at most N at once and refuses beyond the queue', async () => {
    const slots = new BoundedConcurrency(1, 1);
    let release!: () => void;
    const first = slots.run(() => new Promise<void>((r) => (release = r)));
    const second = slots.run(async () => 'second');
    await expect(slots.run(async () => 'third')).rejects.toMatchObject({ status: 429 });
    release();
    await first;
    expect(await second).toBe('second');
  });
});
