// Is a new password hard enough to guess? zxcvbn-ts estimates the guesses an attacker needs,
// using the common-password and diceware lists (@zxcvbn-ts/language-common) and the French and
// English word lists and names (-fr, -en); the user's own email and name count as known words.
// The dictionaries weigh several MB, so they are loaded once, on the first check, not at start.
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { ApiError } from '@/app/lib/api/errors';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn score 0–4; 3 = "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Why a password is refused; the UI translates `password.<reason>` (messages: fieldErrors). */
export type WeakPasswordReason = 'tooShort' | 'tooLong' | 'common' | 'personal' | 'weak';

export interface PasswordVerdict {
  ok: boolean;
  reason?: WeakPasswordReason;
  score?: number;
}

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [core, common, fr, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
  })().catch((err: unknown) => {
    estimator = undefined;
    throw err;
  });
  return estimator;
}

function reasonOf(result: ZxcvbnResult): WeakPasswordReason {
  const dictionaries = result.sequence.map((m) => (m as { dictionaryName?: string }).dictionaryName);
  if (dictionaries.includes('userInputs')) return 'personal';
  if (dictionaries.includes('passwords-common')) return 'common';
  return 'weak';
}

/** Judges a new password; `userInputs` are words an attacker knows (email, name). */
export async function checkPasswordStrength(password: string, userInputs: string[] = []): Promise<PasswordVerdict> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'tooShort' };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: 'tooLong' };
  const zxcvbn = await loadEstimator();
  // The email's local part and domain words are what an attacker tries first.
  const words = userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 3);
  const result = zxcvbn.check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, score: result.score };
  return { ok: false, reason: reasonOf(result), score: result.score };
}

const REASON_TEXT: Record<WeakPasswordReason, string> = {
  tooShort: `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `The password is limited to ${MAX_PASSWORD_LENGTH} characters`,
  common: 'This password is in lists of common passwords; choose another',
  personal: 'This password contains the name or email address; choose another',
  weak: 'This password is too easy to guess; use a longer one, e.g. several unrelated words',
};

export function weakPasswordMessage(reason: WeakPasswordReason): string {
  return REASON_TEXT[reason];
}

/** Throws 400 VALIDATION_FAILED at `path` (e.g. "/password") with the reason when the password is weak. */
export async function assertStrongPassword(password: string, path: string, userInputs: string[] = []): Promise<void> {
  const verdict = await checkPasswordStrength(password, userInputs);
  if (verdict.ok) return;
  const message = `${path}: ${weakPasswordMessage(verdict.reason!)}`;
  throw new ApiError('VALIDATION_FAILED', message, {
    path,
    problems: [{ severity: 'error', code: `password.${verdict.reason}`, message, path }],
    details: { reason: verdict.reason, minLength: MIN_PASSWORD_LENGTH },
  });
}
