// Phone number helpers for steps: anonymous callers, normalisation and number/prefix patterns.
// The spelling rules live in ../numbers (one canonical form for what is judged and what the
// trunk dials); this file keeps the names the steps use.
import { dialNumber, judgedNumber, matchesCompiled, compilePattern } from '../numbers';

const ANONYMOUS = new Set(['', 'anonymous', 'unknown', 'restricted', 'private', 'unavailable', 'withheld']);

/** True when the caller's number is hidden or absent. */
export function isAnonymous(number: string | null | undefined): boolean {
  return number == null || ANONYMOUS.has(number.trim().toLowerCase());
}

/**
 * A dialled or presented number in its canonical form: the E.164 number the trunk would dial
 * ("+33 (0)1 23…", "0033 1 23…", "01.23…" → +33123…), else cleaned of separators (short codes
 * such as 3949 or 15), else trimmed.
 */
export function normalizeNumber(raw: string, homeCountryCode = '33'): string {
  return judgedNumber(raw, homeCountryCode);
}

/** A pattern is an exact number, or a prefix when it ends in * (+3389*, 0899*). Both sides are canonicalised. */
export function matchesPattern(number: string, pattern: string, homeCountryCode = '33'): boolean {
  return matchesCompiled(judgedNumber(number, homeCountryCode), compilePattern(pattern, homeCountryCode));
}

export function matchesAnyPattern(number: string, patterns: readonly string[], homeCountryCode = '33'): boolean {
  const n = judgedNumber(number, homeCountryCode);
  for (const p of patterns) if (matchesCompiled(n, compilePattern(p, homeCountryCode))) return true;
  return false;
}

/**
 * A number typed by the caller (callback; * stands for +): national 0XXXXXXXXX or
 * international 00…/+… Returns the E.164 form the trunk will dial, or null when the trunk
 * would not dial it.
 */
export function parseTypedNumber(digits: string, homeCountryCode = '33'): string | null {
  return dialNumber(digits.replace(/\*/g, '+'), homeCountryCode);
}
