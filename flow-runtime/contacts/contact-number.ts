// How a contact's number is stored and searched, shared by the admin (app/lib/contacts) and the
// runtime lookup (./find-contact-by-number.ts) so both compare the same spelling: the E.164 the
// trunk dials (flow-runtime/numbers judgedNumber), e.g. "06 12 34 56 78" → "+33612345678".
import { cleanNumber, dialNumber, judgedNumber, numberForm } from '../numbers';

/** The stored comparison form of a number as typed, or null when it is not a phone number. */
export function contactCanonical(raw: string, home = '33'): string | null {
  if (cleanNumber(raw) === null) return null;
  return judgedNumber(raw, home);
}

/**
 * A search text read as the beginning of a number, in the stored form: "06 12" → "+33612",
 * "+33 6 12…" → "+33612…", "0033612" → "+33612"; bare digits ("612") → { contains: "612" }
 * (they may be anywhere). null when the text is not number-like (then it is a name search).
 */
export function numberSearch(text: string, home = '33'): { startsWith: string } | { contains: string } | null {
  const clean = cleanNumber(text.trim());
  if (clean === null || clean.replace('+', '').length < 2) return null;
  if (!clean.startsWith('+') && !clean.startsWith('0')) return { contains: clean };
  // A whole number: its dialled form exactly (startsWith of the full form is the same thing).
  const dialled = dialNumber(clean, home);
  if (dialled) return { startsWith: dialled };
  // The beginning of one, read like a number: national 0 → +<home>, 00 → +, "(0)" after the code dropped.
  const form = numberForm(clean, home);
  return form.kind === 'international' ? { startsWith: `+${form.digits}` } : { contains: clean };
}
