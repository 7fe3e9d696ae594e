// One spelling per number: the form the trunk dials is the form every rule judges.
//
//   "+33 (0)8 99 12 34 56", "0033 0899 123 456", "+330899123456", "08.99.12.34.56" → "+33899123456"
//
// Rules, in order (linear in the input, which is capped at MAX_NUMBER_INPUT characters):
// 1. Visual separators go: spaces, dots, dashes, slashes, brackets. Anything else but digits
//    and one leading + makes the text "not a number" (null).
// 2. International form: "+" or the international prefix "00". When the country of the calling
//    code has the national (trunk) prefix 0, zeros written right after the calling code are
//    dropped: "+33 (0)1…", "+330…", "00330…" are all +331…; carriers dial them so. Countries
//    whose numbers really start with 0 (Italy: +39 06…) have no national prefix in the
//    metadata and keep it.
// 3. National form (home country's national prefix 0, then a non-zero digit): +<home> and the
//    rest, when the length is a possible national length for the home country (France: 9).
// 4. The result must be + and 8 to 15 digits (E.164) to be dialled. Short codes (3949, 15,
//    118 218) and bare digits are not dialled through the trunk: they stay in their cleaned
//    form, which is what rules compare them with.
// Unknown ranges are dialled as written (no validity check): rejecting a number the carrier
// would connect must not be how a rule is bypassed or a call lost.
import { leadingCallingCode, numberingPlan } from './numbering-plans';

/** Longer input is not a phone number (and is not worth cleaning). */
export const MAX_NUMBER_INPUT = 64;

/** Digits with at most one leading +, separators removed; null when it is not a number. */
export function cleanNumber(raw: string): string | null {
  if (raw.length > MAX_NUMBER_INPUT) return null;
  const n = raw.replace(/[\s.\-/()]/g, '');
  return /^\+?[0-9]+$/.test(n) ? n : null;
}

function nationalPrefixOf(home: string): string | null {
  const plan = numberingPlan(home);
  // an unknown home calling code keeps the historical behaviour: national numbers start with 0
  return plan ? plan.nationalPrefix : '0';
}

/** Digits after the calling code with the national prefix written after it removed (rule 2). */
function internationalDigits(digits: string): string {
  const cc = leadingCallingCode(digits);
  if (!cc || numberingPlan(cc)?.nationalPrefix !== '0') return digits;
  return cc + digits.slice(cc.length).replace(/^0+/, '');
}

export type NumberForm =
  /** international digits (no +), national prefix handled */
  | { kind: 'international'; digits: string; national: boolean }
  /** neither international nor national: a short code or bare digits */
  | { kind: 'other'; digits: string };

/** Classifies a cleaned number (or prefix) and gives its international digits when it has them. */
export function numberForm(clean: string, home: string): NumberForm {
  if (clean.startsWith('+')) return { kind: 'international', digits: internationalDigits(clean.slice(1)), national: false };
  if (clean.startsWith('00')) return { kind: 'international', digits: internationalDigits(clean.slice(2)), national: false };
  const np = nationalPrefixOf(home);
  if (np === '0' && clean.startsWith('0')) return { kind: 'international', digits: home + clean.slice(1), national: true };
  // countries without a national prefix whose numbers start with 0 (Italy): the 0 is part of the number
  if (np === null && clean.startsWith('0')) return { kind: 'international', digits: home + clean, national: true };
  return { kind: 'other', digits: clean };
}

/**
 * The E.164 number the trunk dials for `raw` (home = calling code of national numbers, e.g.
 * "33"), or null when the trunk would not dial it. The single source of the dialled form:
 * the trunk's Request-URI, the transfer policy, callbacks and caller numbers all use it.
 * Idempotent: dialNumber(dialNumber(x)) === dialNumber(x).
 */
export function dialNumber(raw: string, home = '33'): string | null {
  const clean = cleanNumber(raw);
  if (clean === null) return null;
  const form = numberForm(clean, home);
  if (form.kind !== 'international') return null;
  if (form.national) {
    const lengths = numberingPlan(home)?.possibleLengths ?? [];
    const nsn = form.digits.length - home.length;
    if (lengths.length > 0 ? !lengths.includes(nsn) : nsn < 6) return null;
  }
  return /^[1-9][0-9]{7,14}$/.test(form.digits) ? `+${form.digits}` : null;
}

/**
 * The form rules compare: the dialled E.164 when the trunk would dial `raw`, else the cleaned
 * digits (short codes), else the trimmed text.
 */
export function judgedNumber(raw: string, home = '33'): string {
  return dialNumber(raw, home) ?? cleanNumber(raw) ?? raw.trim();
}
