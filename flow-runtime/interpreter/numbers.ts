// Phone number helpers: normalisation to E.164, anonymous callers, number/prefix patterns.

const ANONYMOUS = new Set(['', 'anonymous', 'unknown', 'restricted', 'private', 'unavailable', 'withheld']);

/** True when the caller's number is hidden or absent. */
export function isAnonymous(number: string | null | undefined): boolean {
  return number == null || ANONYMOUS.has(number.trim().toLowerCase());
}

/**
 * Normalises a dialled or presented number to E.164 when it can: strips spaces, dots, dashes
 * and brackets; 00… → +…; a national number 0XXXXXXXXX (10 digits) → +<home>XXXXXXXXX.
 * Anything else (short codes such as 3949 or 15) is returned cleaned but otherwise as is.
 */
export function normalizeNumber(raw: string, homeCountryCode = '33'): string {
  let n = raw.trim().replace(/[\s.\-()/]/g, '');
  if (n.startsWith('00')) n = '+' + n.slice(2);
  if (!n.startsWith('+') && /^0[1-9][0-9]{8}$/.test(n)) n = `+${homeCountryCode}${n.slice(1)}`;
  return n;
}

/** A pattern is an exact number, or a prefix when it ends in * (+3389*). Both sides are normalised. */
export function matchesPattern(number: string, pattern: string, homeCountryCode = '33'): boolean {
  const n = normalizeNumber(number, homeCountryCode);
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return n.startsWith(prefix) || (!prefix.startsWith('+') && n.startsWith('+' + prefix));
  }
  const p = normalizeNumber(pattern, homeCountryCode);
  return n === p;
}

export function matchesAnyPattern(number: string, patterns: readonly string[], homeCountryCode = '33'): boolean {
  for (const p of patterns) if (matchesPattern(number, p, homeCountryCode)) return true;
  return false;
}

/**
 * A number typed by the caller (callback): national 0XXXXXXXXX or international 00…/+…
 * with 8 to 15 digits. Returns its E.164 form, or null when it is not a callable number.
 */
export function parseTypedNumber(digits: string, homeCountryCode = '33'): string | null {
  const n = normalizeNumber(digits.replace(/\*/g, '+'), homeCountryCode);
  return /^\+[1-9][0-9]{7,14}$/.test(n) ? n : null;
}
