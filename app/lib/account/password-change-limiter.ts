// Guessing limit of the change-password form: a stolen session (a browser left open) must not
// become a way to find the password by trying current passwords. Failures are counted per
// user, with the sign-in limiter's counter (app/lib/auth/failure-counter.ts): 5 wrong current
// passwords in 15 min, then 30 s, doubling per further failure, at most 15 min. A success clears it.
import { FailureCounter, type LockRule } from '@/app/lib/auth/failure-counter';

const MINUTE = 60_000;

export const PASSWORD_CHANGE_RULE: LockRule = { free: 5, baseLockMs: 30_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE };

const globalForLimiter = globalThis as unknown as { relaisPasswordChangeLimiter?: FailureCounter };

/** The process-wide counter (one per admin process, like the sign-in limits). */
export function passwordChangeFailures(): FailureCounter {
  globalForLimiter.relaisPasswordChangeLimiter ??= new FailureCounter('change-password', 50_000);
  return globalForLimiter.relaisPasswordChangeLimiter;
}
