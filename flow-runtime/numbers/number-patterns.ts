// Forbidden-number patterns (forbidden-transfer step patterns, forbidden-list entries, filter
// step numbers) compiled to the canonical form of canonical-number.ts, so that a pattern
// matches every spelling of a number the trunk dials:
//   exact "08 99 12 34 56" → +33899123456; prefix "0899*" or list prefix "0899" → +33899…;
//   "+330899*" / "00330899*" → +33899…; "0*" → +33… (every national number);
//   "+*" / "00*" → every international-form number, national ones included (over-blocks:
//   once written "+", a national number is the same number).
// A prefix of bare digits (no +, no national 0: "3389*", "118*") keeps its old meaning: it
// matches numbers whose E.164 digits start so, and short codes that start so.
import { cleanNumber, judgedNumber, numberForm } from './canonical-number';

export type CompiledPattern =
  | { kind: 'exact'; number: string }
  | { kind: 'prefix'; international: string | null; bare: string | null }
  | { kind: 'invalid' };

/** Compiles `pattern` (a number, or a prefix ending in *) for numbers of home calling code `home`. */
export function compilePattern(pattern: string, home = '33'): CompiledPattern {
  const trimmed = pattern.trim();
  if (!trimmed.endsWith('*')) {
    const number = judgedNumber(trimmed, home);
    return number === '' ? { kind: 'invalid' } : { kind: 'exact', number };
  }
  const body = trimmed.slice(0, -1);
  // "*" alone, or "+*": every number
  if (body === '' || body.trim() === '+') return { kind: 'prefix', international: '+', bare: body === '' ? '' : null };
  const clean = cleanNumber(body);
  if (clean === null) return { kind: 'invalid' };
  const form = numberForm(clean, home);
  if (form.kind === 'international') return { kind: 'prefix', international: `+${form.digits}`, bare: null };
  return { kind: 'prefix', international: `+${form.digits}`, bare: form.digits };
}

/** True when the judged form of a number (judgedNumber) matches the compiled pattern. */
export function matchesCompiled(judged: string, p: CompiledPattern): boolean {
  switch (p.kind) {
    case 'exact':
      return judged === p.number;
    case 'prefix':
      if (judged.startsWith('+')) return p.international !== null && judged.startsWith(p.international);
      return p.bare !== null && judged.startsWith(p.bare);
    default:
      return false;
  }
}

/** A number against a pattern, both in any spelling. */
export function matchesNumberPattern(number: string, pattern: string, home = '33'): boolean {
  return matchesCompiled(judgedNumber(number, home), compilePattern(pattern, home));
}

/**
 * The pattern as the runtime compares it, for people to read: "0899*" → "+33899*",
 * "08 99 12 34 56" → "+33899123456", "3389*" → "+3389*", "3949" → "3949"; "" when it matches nothing.
 */
export function canonicalPattern(pattern: string, home = '33'): string {
  const p = compilePattern(pattern, home);
  if (p.kind === 'exact') return p.number;
  if (p.kind === 'prefix') return `${p.international ?? p.bare ?? ''}*`;
  return '';
}
