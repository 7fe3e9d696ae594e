// A user changes their own password (POST /api/me/password): the current password is checked
// by better-auth's changePassword (argon2id, app/lib/auth/password.ts), which also signs out
// every other session of the user and gives this browser a new session cookie. Steps:
//   1. only from a signed-in session (an API token cannot change the password it depends on);
//   2. locked after too many wrong current passwords → 429 + Retry-After (password-change-limiter.ts);
//   3. the new password must differ from the current one and pass the strength rules of the
//      new-user form (app/lib/auth/password-strength.ts, the user's email and name as known words);
//   4. wrong current password → 400 at /currentPassword (counted);
//   5. done: the "must change password" flag is cleared, the change is audited.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getAuth } from '@/app/lib/auth/auth';
import { assertStrongPassword } from '@/app/lib/auth/password-strength';
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { getPrisma } from '@/prisma/client';
import { passwordChanged, passwordChangeFailures, recordWrongCurrentPassword } from './password-change-limiter';

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
}

function fieldError(path: string, code: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code, message: `${path}: ${message}`, path }] });
}

function tooManyAttempts(lockedMs: number): ApiError {
  const retryAfter = Math.ceil(lockedMs / 1000);
  return new ApiError('TOO_MANY_REQUESTS', `Too many wrong current passwords; try again in ${retryAfter} s`, { details: { retryAfter } });
}

export async function changeOwnPassword(user: CurrentUser, headers: Headers, input: PasswordChangeInput): Promise<{ changed: true }> {
  if (user.via !== 'session') {
    throw new ApiError('FORBIDDEN', 'Change your password from a signed-in browser session, not with an API token');
  }
  const locked = passwordChangeFailures().lockedFor(user.id);
  if (locked > 0) throw tooManyAttempts(locked);
  if (input.newPassword === input.currentPassword) {
    throw fieldError('/newPassword', 'password.unchanged', 'The new password must differ from the current one');
  }
  await assertStrongPassword(input.newPassword, '/newPassword', [user.email, user.name]);
  try {
    await getAuth().api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers,
    });
  } catch (err) {
    // By its code, not `instanceof APIError`: the production build may load better-auth's error
    // class twice (one copy per chunk), and a wrong password then became a 500.
    if ((err as { body?: { code?: unknown } } | null)?.body?.code === 'INVALID_PASSWORD') {
      recordWrongCurrentPassword(user.id);
      throw fieldError('/currentPassword', 'password.wrongCurrent', 'The current password is not correct');
    }
    throw err;
  }
  await passwordChanged(user.id);
  await getPrisma().$transaction((tx) =>
    recordAudit(tx, user, { action: 'update', entityType: 'user', entityId: user.id, details: { fields: ['password'], otherSessionsSignedOut: true } }),
  );
  return { changed: true };
}
