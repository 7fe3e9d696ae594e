// The sign-in limits with a fake clock: per account+address, per address, the "under attack"
// rule, and that a real user from another address is never locked out.
import { describe, expect, it } from 'vitest';
import { SIGN_IN_RULES, SignInLimiter } from '@/app/lib/auth/sign-in-limiter';

function limiterWithClock() {
  let now = 1_000_000;
  const limiter = new SignInLimiter(() => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('SignInLimiter', () => {
  it('locks an account+address after 3 failures, with a doubling lock', () => {
    const { limiter, advance } = limiterWithClock();
    const attempt = { account: 'a@x.test', address: '127.0.0.3' };
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs(attempt)).toBe(0);
      limiter.failed(attempt);
    }
    expect(limiter.retryAfterMs(attempt)).toBe(10_000);
    advance(10_000);
    expect(limiter.retryAfterMs(attempt)).toBe(0);
    limiter.failed(attempt);
    expect(limiter.retryAfterMs(attempt)).toBe(20_000);
  });

  it('does not lock the same account from another address', () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 10; i++) limiter.failed({ account: 'a@x.test', address: '127.0.0.3' });
    expect(limiter.retryAfterMs({ account: 'a@x.test', address: '127.0.0.4' })).toBe(0);
  });

  it('limits one address guessing over many accounts', () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < SIGN_IN_RULES.address.free - 1; i++) limiter.failed({ account: `u${i}@x.test`, address: '127.0.0.3' });
    expect(limiter.retryAfterMs({ account: 'fresh@x.test', address: '127.0.0.3' })).toBe(0);
    limiter.failed({ account: 'fresh@x.test', address: '127.0.0.3' });
    expect(limiter.retryAfterMs({ account: 'other@x.test', address: '127.0.0.3' })).toBeGreaterThan(0);
  });

  it('under a distributed attack, gives new addresses one failure, and never locks a clean or known address', () => {
    const { limiter } = limiterWithClock();
    const account = 'target@x.test';
    limiter.succeeded({ account, address: '127.0.0.9' });
    for (let i = 0; i < SIGN_IN_RULES.accountUnderAttack; i++) limiter.failed({ account, address: `127.0.1.${i}` });
    limiter.failed({ account, address: '127.0.2.1' });
    expect(limiter.retryAfterMs({ account, address: '127.0.2.1' })).toBeGreaterThan(0);
    // A clean address and the user's usual one may still try.
    expect(limiter.retryAfterMs({ account, address: '127.0.2.2' })).toBe(0);
    limiter.failed({ account, address: '127.0.0.9' });
    expect(limiter.retryAfterMs({ account, address: '127.0.0.9' })).toBe(0);
  });

  it('forgets failures after a success from that address', () => {
    const { limiter } = limiterWithClock();
    const attempt = { account: 'a@x.test', address: '127.0.0.3' };
    limiter.failed(attempt);
    limiter.failed(attempt);
    limiter.succeeded(attempt);
    limiter.failed(attempt);
    limiter.failed(attempt);
    expect(limiter.retryAfterMs(attempt)).toBe(0);
  });
});

describe('FailureCounter', () => {
  it('keeps at most maxKeys keys, forgetting the least recently touched first', async () => {
    const { FailureCounter } = await import('@/app/lib/auth/failure-counter');
    const counter = new FailureCounter('test', 3);
    const rule = { free: 1, baseLockMs: 60_000, maxLockMs: 60_000, forgetAfterMs: 60_000 };
    for (const key of ['a', 'b', 'c']) counter.fail(key, rule);
    counter.fail('a', rule); // a is now the most recent
    counter.fail('d', rule);
    expect(counter.size).toBe(3);
    expect(counter.lockedFor('b')).toBe(0);
    expect(counter.lockedFor('a')).toBeGreaterThan(0);
    expect(counter.lockedFor('d')).toBeGreaterThan(0);
  });
});
