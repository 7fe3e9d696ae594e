// Guessing limit of password changes (POST /api/me/password and better-auth's own
// /api/auth/change-password, both counted here): a stolen session (a browser left open) must not
// become a way to find the password by trying current passwords. Failures are counted per
// user, with the sign-in limiter's counter (app/lib/auth/failure-counter.ts): 5 wrong current
// passwords in 15 min, then 30 s, doubling per further failure, at most 15 min. A success clears it.
import { FailureCounter, type LockRule } from '@/app/lib/auth/failure-counter';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';

const MINUTE = 60_000;

export const PASSWORD_CHANGE_RULE: LockRule = { free: 5, baseLockMs: 30_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE };

const globalForLimiter = globalThis as unknown as { relaisPasswordChangeLimiter?: FailureCounter };

/** The process-wide counter (one per admin process, like the sign-in limits). */
export function passwordChangeFailures(): FailureCounter {
  globalForLimiter.relaisPasswordChangeLimiter ??= new FailureCounter('change-password', 50_000);
  return globalForLimiter.relaisPasswordChangeLimiter;
}

/** Counts a wrong current password of the user (logged when it starts a lock). */
export function recordWrongCurrentPassword(userId: string): void {
  const lockMs = passwordChangeFailures().fail(userId, PASSWORD_CHANGE_RULE);
  if (lockMs > 0) console.warn(`auth: password change locked for user ${userId} (${Math.ceil(lockMs / 1000)} s)`);
}

/** After a password change: the count is cleared and so is "must change password". */
export async function passwordChanged(userId: string): Promise<void> {
  passwordChangeFailures().clear(userId);
  await getPrisma().user.update({ where: { id: userId }, data: { mustChangePassword: false } });
}

/**
 * better-auth's own POST /api/auth/change-password under the same limit and bookkeeping as
 * POST /api/me/password (app/api/auth/[...all]/route.ts): locked → 429 + Retry-After before the
 * password is checked; its INVALID_PASSWORD answer counts; a success clears the flag.
 */
export async function limitPasswordChange(request: Request, changePassword: (request: Request) => Promise<Response>): Promise<Response> {
  const user = await getCurrentUser(request.headers).catch(() => null);
  if (!user || user.via !== 'session') return changePassword(request);
  const locked = passwordChangeFailures().lockedFor(user.id);
  if (locked > 0) {
    const seconds = Math.ceil(locked / 1000);
    return Response.json(
      { code: 'TOO_MANY_ATTEMPTS', message: `Too many wrong current passwords; try again in ${seconds} s`, retryAfter: seconds },
      { status: 429, headers: { 'retry-after': String(seconds), 'cache-control': 'no-store' } },
    );
  }
  const response = await changePassword(request);
  if (response.status === 400) {
    const body = (await response.clone().json().catch(() => null)) as { code?: unknown } | null;
    if (body?.code === 'INVALID_PASSWORD') recordWrongCurrentPassword(user.id);
  } else if (response.ok) {
    await passwordChanged(user.id);
  }
  return response;
}
